// Workload details: Overview (state, lenses, start or continue reviewing,
// save milestone), Milestones, Properties and Shares.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import { getWorkload, listLensReviews } from '../api/gen/ops';
import type { Workload } from '../api/gen/types';
import { ErrorAlert, RiskCount, useAsync } from '../components/common';
import { SaveMilestone } from '../components/SaveMilestone';
import { DeleteWorkload } from '../components/DeleteWorkload';
import { SyncWithJira } from '../components/JiraSync';
import { answered, date, improvementStatusLabel, total } from '../format';
import { followLink, href, navigate } from '../router';
import { useFlash } from '../flash';
import { Milestones } from './Milestones';
import { Properties } from './Properties';
import { Shares } from './Shares';

export function WorkloadDetails({ id, tab }: { id: string; tab: string }) {
  const w = useAsync(() => getWorkload({ WorkloadId: id }).then((r) => r.Workload), [id]);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [milestonesVersion, setMilestonesVersion] = useState(0);
  const flash = useFlash();
  const name = w.data?.WorkloadName ?? '';

  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          <BreadcrumbGroup
            onFollow={followLink}
            items={[
              { text: 'Workloads', href: '#/workloads' },
              { text: name || id, href: href('workloads', id) },
            ]}
          />
          <Header
            variant="h1"
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => setDeleting(true)} disabled={!w.data}>
                  Delete
                </Button>
                <Button onClick={() => setSaving(true)} disabled={!w.data} data-testid="save-milestone">
                  Save milestone
                </Button>
                {w.data && <SyncWithJira w={w.data} onSynced={w.reload} />}
              </SpaceBetween>
            }
          >
            {name}
          </Header>
        </SpaceBetween>
      }
    >
      <ErrorAlert error={w.error} />
      {w.data && (
        <Tabs
          activeTabId={tab}
          onChange={(e) => navigate(href('workloads', id) + '?tab=' + e.detail.activeTabId)}
          tabs={[
            { id: 'overview', label: 'Overview', content: <Overview w={w.data} /> },
            { id: 'milestones', label: 'Milestones', content: <Milestones w={w.data} version={milestonesVersion} /> },
            { id: 'properties', label: 'Properties', content: <Properties w={w.data} onChanged={w.reload} /> },
            { id: 'shares', label: 'Shares', content: <Shares w={w.data} /> },
          ]}
        />
      )}
      {saving && (
        <SaveMilestone
          workloadId={id}
          onClose={() => setSaving(false)}
          onSaved={(n, m) => {
            setSaving(false);
            setMilestonesVersion((v) => v + 1);
            flash({ type: 'success', content: `Saved milestone ${n}: ${m}.` });
          }}
        />
      )}
      {deleting && w.data && (
        <DeleteWorkload
          w={w.data}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            flash({ type: 'success', content: `Deleted ${name}.` });
            navigate('#/workloads');
          }}
        />
      )}
    </ContentLayout>
  );
}

function Overview({ w }: { w: Workload }) {
  const id = w.WorkloadId!;
  const reviews = useAsync(() => listLensReviews({ WorkloadId: id, MaxResults: 50 }).then((r) => r.LensReviewSummaries ?? []), [id]);
  const rc = w.RiskCounts;
  const started = answered(rc) > 0;
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">Workload overview</Header>}>
        <ColumnLayout columns={4} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">Questions answered</Box>
            <Box data-testid="questions-answered">
              {answered(rc)}/{total(rc)}
            </Box>
          </div>
          <div>
            <Box variant="awsui-key-label">High risks</Box>
            <Box data-testid="high-risks">
              <RiskCount n={rc?.HIGH} risk="HIGH" />
            </Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Medium risks</Box>
            <Box data-testid="medium-risks">
              <RiskCount n={rc?.MEDIUM} risk="MEDIUM" />
            </Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Last updated</Box>
            <Box>{date(w.UpdatedAt)}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Improvement status</Box>
            <Box>{improvementStatusLabel[w.ImprovementStatus ?? ''] ?? w.ImprovementStatus ?? '-'}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Environment</Box>
            <Box>{w.Environment === 'PRODUCTION' ? 'Production' : 'Pre-production'}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Review owner</Box>
            <Box>{w.ReviewOwner || '-'}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Owner</Box>
            <Box>{w.Owner}{w.ShareInvitationId ? ' (shared with you)' : ''}</Box>
          </div>
        </ColumnLayout>
        {w.Notes && (
          <Box margin={{ top: 'm' }}>
            <Box variant="awsui-key-label">Notes</Box>
            <Box>{w.Notes}</Box>
          </Box>
        )}
      </Container>
      <Table
        header={
          <Header
            variant="h2"
            counter={reviews.data ? `(${reviews.data.length})` : undefined}
            actions={
              w.Lenses?.includes('wellarchitected') && (
                <Button variant="primary" href={href('workloads', id, 'lens', 'wellarchitected', 'review')} onFollow={followLink} data-testid="start-reviewing">
                  {started ? 'Continue reviewing' : 'Start reviewing'}
                </Button>
              )
            }
          >
            Lenses
          </Header>
        }
        loading={reviews.loading}
        items={reviews.data ?? []}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Lens',
            cell: (l) => (
              <Link href={href('workloads', id, 'lens', l.LensAlias || l.LensArn || '')} onFollow={followLink}>
                {l.LensName}
              </Link>
            ),
          },
          { id: 'version', header: 'Version', cell: (l) => l.LensVersion },
          { id: 'answered', header: 'Questions answered', cell: (l) => `${answered(l.RiskCounts)}/${total(l.RiskCounts)}` },
          { id: 'high', header: 'High risks', cell: (l) => <RiskCount n={l.RiskCounts?.HIGH} risk="HIGH" /> },
          { id: 'medium', header: 'Medium risks', cell: (l) => <RiskCount n={l.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
          { id: 'status', header: 'Lens status', cell: (l) => l.LensStatus },
          {
            id: 'review',
            header: 'Review',
            cell: (l) => (
              <Link href={href('workloads', id, 'lens', l.LensAlias || l.LensArn || '', 'review')} onFollow={followLink}>
                {answered(l.RiskCounts) > 0 ? 'Continue reviewing' : 'Start reviewing'}
              </Link>
            ),
          },
        ]}
      />
      <ErrorAlert error={reviews.error} />
    </SpaceBetween>
  );
}
