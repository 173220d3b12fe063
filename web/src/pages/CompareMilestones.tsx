// Compare two milestones, or a milestone with the current state: risks per
// pillar side by side and the answers that changed.
import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { getLensReview, getMilestone, listAnswers, listLensReviews } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { AnswerSummary, LensReview, Risk } from '../api/gen/types';
import { ErrorAlert, RiskStatus, useAsync } from '../components/common';
import { followLink, href } from '../router';

interface Side {
  label: string;
  reviews: { lr: LensReview; answers: AnswerSummary[] }[];
}

async function side(id: string, n?: number): Promise<Side> {
  const label = n ? ((await getMilestone({ WorkloadId: id, MilestoneNumber: n })).Milestone?.MilestoneName ?? '') : 'Current';
  const summaries = (await listLensReviews({ WorkloadId: id, MilestoneNumber: n, MaxResults: 50 })).LensReviewSummaries ?? [];
  const reviews = await Promise.all(
    summaries.map(async (s) => {
      const alias = s.LensAlias || s.LensArn || '';
      const [lr, answers] = await Promise.all([
        getLensReview({ WorkloadId: id, LensAlias: alias, MilestoneNumber: n }).then((r) => r.LensReview!),
        allPages((NextToken) => listAnswers({ WorkloadId: id, LensAlias: alias, MilestoneNumber: n, NextToken, MaxResults: 50 }), 'AnswerSummaries'),
      ]);
      return { lr, answers };
    }),
  );
  return { label, reviews };
}

function delta(a: number, b: number) {
  const d = b - a;
  return d === 0 ? '0' : d > 0 ? `+${d}` : String(d);
}

export function CompareMilestones({ id, from, to }: { id: string; from?: number; to?: number }) {
  const data = useAsync(() => Promise.all([side(id, from), side(id, to)]), [id, from, to]);
  const [a, b] = data.data ?? [];
  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          <BreadcrumbGroup
            onFollow={followLink}
            items={[
              { text: 'Workloads', href: '#/workloads' },
              { text: 'Workload', href: href('workloads', id) },
              { text: 'Compare milestones', href: '#' },
            ]}
          />
          <Header variant="h1" description={a && b ? `${a.label} → ${b.label}` : undefined}>
            Compare milestones
          </Header>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ErrorAlert error={data.error} />
        {data.loading && <Box>Loading…</Box>}
        {a &&
          b &&
          b.reviews.map(({ lr, answers }) => {
            const before = a.reviews.find((r) => r.lr.LensArn === lr.LensArn || r.lr.LensAlias === lr.LensAlias);
            const pillars = (lr.PillarReviewSummaries ?? []).map((p) => {
              const old = before?.lr.PillarReviewSummaries?.find((x) => x.PillarId === p.PillarId);
              return {
                name: p.PillarName,
                h0: old?.RiskCounts?.HIGH ?? 0,
                h1: p.RiskCounts?.HIGH ?? 0,
                m0: old?.RiskCounts?.MEDIUM ?? 0,
                m1: p.RiskCounts?.MEDIUM ?? 0,
              };
            });
            const oldAnswers = new Map((before?.answers ?? []).map((x) => [x.QuestionId, x]));
            const changed = answers
              .map((x) => ({ now: x, old: oldAnswers.get(x.QuestionId) }))
              .filter(({ now, old }) => {
                const s0 = [...(old?.SelectedChoices ?? [])].sort().join();
                const s1 = [...(now.SelectedChoices ?? [])].sort().join();
                return s0 !== s1 || old?.Risk !== now.Risk || old?.IsApplicable !== now.IsApplicable;
              });
            const title = (x: AnswerSummary, c: string) => x.Choices?.find((y) => y.ChoiceId === c)?.Title ?? c;
            return (
              <SpaceBetween size="l" key={lr.LensArn}>
                <Table
                  data-testid="compare-pillars"
                  header={<Header variant="h2" description={lr.LensName}>Risks per pillar</Header>}
                  items={pillars}
                  columnDefinitions={[
                    { id: 'p', header: 'Pillar', cell: (p) => p.name },
                    { id: 'h0', header: `High (${a.label})`, cell: (p) => p.h0 },
                    { id: 'h1', header: `High (${b.label})`, cell: (p) => p.h1 },
                    { id: 'hd', header: 'Change in high', cell: (p) => delta(p.h0, p.h1) },
                    { id: 'm0', header: `Medium (${a.label})`, cell: (p) => p.m0 },
                    { id: 'm1', header: `Medium (${b.label})`, cell: (p) => p.m1 },
                    { id: 'md', header: 'Change in medium', cell: (p) => delta(p.m0, p.m1) },
                  ]}
                />
                <Table
                  data-testid="compare-answers"
                  header={
                    <Header variant="h2" counter={`(${changed.length})`} description={lr.LensName}>
                      Answers that changed
                    </Header>
                  }
                  items={changed}
                  wrapLines
                  empty={<Box textAlign="center">No answer changed.</Box>}
                  columnDefinitions={[
                    { id: 'q', header: 'Question', cell: ({ now }) => now.QuestionTitle },
                    { id: 'r0', header: `Risk (${a.label})`, cell: ({ old }) => <RiskStatus risk={(old?.Risk ?? 'UNANSWERED') as Risk} /> },
                    { id: 'r1', header: `Risk (${b.label})`, cell: ({ now }) => <RiskStatus risk={now.Risk} /> },
                    {
                      id: 'added',
                      header: 'Practices added',
                      cell: ({ now, old }) =>
                        (now.SelectedChoices ?? [])
                          .filter((c) => !(old?.SelectedChoices ?? []).includes(c))
                          .map((c) => title(now, c))
                          .join('; ') || '-',
                    },
                    {
                      id: 'removed',
                      header: 'Practices removed',
                      cell: ({ now, old }) =>
                        (old?.SelectedChoices ?? [])
                          .filter((c) => !(now.SelectedChoices ?? []).includes(c))
                          .map((c) => title(old!, c))
                          .join('; ') || '-',
                    },
                  ]}
                />
              </SpaceBetween>
            );
          })}
      </SpaceBetween>
    </ContentLayout>
  );
}
