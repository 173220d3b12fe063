// One milestone, read-only: the workload as it was and its lens reviews.
import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Button from '@cloudscape-design/components/button';
import { getMilestone, listLensReviews } from '../api/gen/ops';
import { ErrorAlert, RiskCount, useAsync } from '../components/common';
import { ReportButton } from '../components/ReportButton';
import { answered, date, total } from '../format';
import { followLink, href } from '../router';

export function MilestoneView({ id, n }: { id: string; n: number }) {
  const m = useAsync(() => getMilestone({ WorkloadId: id, MilestoneNumber: n }).then((r) => r.Milestone), [id, n]);
  const reviews = useAsync(() => listLensReviews({ WorkloadId: id, MilestoneNumber: n, MaxResults: 50 }).then((r) => r.LensReviewSummaries ?? []), [id, n]);
  const w = m.data?.Workload;
  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          <BreadcrumbGroup
            onFollow={followLink}
            items={[
              { text: 'Workloads', href: '#/workloads' },
              { text: w?.WorkloadName ?? id, href: href('workloads', id) },
              { text: 'Milestones', href: href('workloads', id) + '?tab=milestones' },
              { text: m.data?.MilestoneName ?? String(n), href: href('workloads', id, 'milestones', n) },
            ]}
          />
          <Header
            variant="h1"
            description={m.data ? `Milestone ${n}, saved ${date(m.data.RecordedAt)} (read-only)` : undefined}
            actions={
              <Button href={href('workloads', id, 'compare') + `?from=${n}`} onFollow={followLink}>
                Compare with current
              </Button>
            }
          >
            {m.data?.MilestoneName ?? ''}
          </Header>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ErrorAlert error={m.error ?? reviews.error} />
        {w && (
          <Container header={<Header variant="h2">Workload at this milestone</Header>}>
            <ColumnLayout columns={4} variant="text-grid">
              <div>
                <Box variant="awsui-key-label">Name</Box>
                {w.WorkloadName}
              </div>
              <div>
                <Box variant="awsui-key-label">Questions answered</Box>
                {answered(w.RiskCounts)}/{total(w.RiskCounts)}
              </div>
              <div>
                <Box variant="awsui-key-label">High risks</Box>
                <RiskCount n={w.RiskCounts?.HIGH} risk="HIGH" />
              </div>
              <div>
                <Box variant="awsui-key-label">Medium risks</Box>
                <RiskCount n={w.RiskCounts?.MEDIUM} risk="MEDIUM" />
              </div>
            </ColumnLayout>
          </Container>
        )}
        <Table
          header={<Header variant="h2">Lens reviews</Header>}
          loading={reviews.loading}
          items={reviews.data ?? []}
          columnDefinitions={[
            {
              id: 'lens',
              header: 'Lens',
              cell: (l) => (
                <Link href={href('workloads', id, 'lens', l.LensAlias || l.LensArn || '') + `?milestone=${n}`} onFollow={followLink}>
                  {l.LensName}
                </Link>
              ),
            },
            { id: 'version', header: 'Version', cell: (l) => l.LensVersion },
            { id: 'answered', header: 'Questions answered', cell: (l) => `${answered(l.RiskCounts)}/${total(l.RiskCounts)}` },
            { id: 'high', header: 'High risks', cell: (l) => <RiskCount n={l.RiskCounts?.HIGH} risk="HIGH" /> },
            { id: 'medium', header: 'Medium risks', cell: (l) => <RiskCount n={l.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
            { id: 'report', header: 'Report', cell: (l) => <ReportButton workloadId={id} lens={l.LensAlias || l.LensArn || ''} milestone={n} name={`${w?.WorkloadName ?? id}-${l.LensName}`} /> },
          ]}
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
