// The dashboard's part for the selected workload: its milestones and its
// high and medium risks per pillar in the framework lens.
import BarChart from '@cloudscape-design/components/bar-chart';
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import { getLensReview, listMilestones } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { WorkloadSummary } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { date } from '../format';
import { followLink, href } from '../router';

export function SelectedWorkload({ w }: { w: WorkloadSummary }) {
  const id = w.WorkloadId!;
  const milestones = useAsync(() => allPages((NextToken) => listMilestones({ WorkloadId: id, NextToken, MaxResults: 50 }), 'MilestoneSummaries', 100), [id]);
  const review = useAsync(
    () => (w.Lenses?.includes('wellarchitected') ? getLensReview({ WorkloadId: id, LensAlias: 'wellarchitected' }) : Promise.resolve(undefined)),
    [id],
  );
  const pillars = review.data?.LensReview?.PillarReviewSummaries ?? [];
  return (
    <ColumnLayout columns={2}>
      <Container header={<Header variant="h2" description={w.WorkloadName}>Milestones</Header>}>
        <ErrorAlert error={milestones.error} />
        {milestones.data && milestones.data.length === 0 && <Box>No milestones saved yet.</Box>}
        <ul>
          {(milestones.data ?? []).slice(0, 10).map((m) => (
            <li key={m.MilestoneNumber}>
              <Link href={href('workloads', id, 'milestones', m.MilestoneNumber!)} onFollow={followLink}>
                {m.MilestoneName}
              </Link>{' '}
              — {date(m.RecordedAt)}
            </li>
          ))}
        </ul>
      </Container>
      <Container header={<Header variant="h2" description="AWS Well-Architected Framework lens">Risks per pillar</Header>}>
        <ErrorAlert error={review.error} />
        {review.data === undefined && !review.loading ? (
          <Box>This workload does not use the framework lens.</Box>
        ) : (
          <BarChart
            statusType={review.loading ? 'loading' : 'finished'}
            series={[
              { title: 'High risks', type: 'bar', data: pillars.map((p) => ({ x: p.PillarName ?? '', y: p.RiskCounts?.HIGH ?? 0 })) },
              { title: 'Medium risks', type: 'bar', data: pillars.map((p) => ({ x: p.PillarName ?? '', y: p.RiskCounts?.MEDIUM ?? 0 })) },
            ]}
            xScaleType="categorical"
            stackedBars
            horizontalBars
            height={260}
            hideFilter
            ariaLabel="High and medium risks per pillar"
            xTitle="Pillar"
            yTitle="Risks"
            empty={<Box textAlign="center">No data</Box>}
          />
        )}
      </Container>
    </ColumnLayout>
  );
}
