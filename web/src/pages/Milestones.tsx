// A workload's milestones: the list, a chart of high and medium risks over
// them, and the choice of two to compare.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import LineChart from '@cloudscape-design/components/line-chart';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { listMilestones } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { MilestoneSummary, Workload } from '../api/gen/types';
import { ErrorAlert, RiskCount, useAsync } from '../components/common';
import { answered, date, total } from '../format';
import { followLink, href, navigate } from '../router';

export function Milestones({ w, version }: { w: Workload; version: number }) {
  const id = w.WorkloadId!;
  const list = useAsync(() => allPages((NextToken) => listMilestones({ WorkloadId: id, NextToken, MaxResults: 50 }), 'MilestoneSummaries', 1000), [id, version]);
  const [selected, setSelected] = useState<MilestoneSummary[]>([]);
  const ms = [...(list.data ?? [])].sort((a, b) => a.MilestoneNumber! - b.MilestoneNumber!);
  // The chart ends with the workload as it is now: one milestone alone is
  // a single point, which a line chart does not draw, and the latest
  // milestone is rarely the present.
  const names = new Set(ms.map((m) => m.MilestoneName));
  let current = 'Current state';
  while (names.has(current)) current += ' (now)';
  const points = [...ms.map((m) => ({ x: m.MilestoneName ?? '', counts: m.WorkloadSummary?.RiskCounts })), { x: current, counts: w.RiskCounts }];
  const compare = () => {
    const [a, b] = [...selected].sort((x, y) => x.MilestoneNumber! - y.MilestoneNumber!);
    navigate(href('workloads', id, 'compare') + `?from=${a.MilestoneNumber}&to=${b ? b.MilestoneNumber : ''}`);
  };
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={list.error} />
      <Table
        data-testid="milestones-table"
        header={
          <Header
            variant="h2"
            counter={`(${ms.length})`}
            description="Choose two milestones to compare them, or one to compare it with the current state."
            actions={
              <Button disabled={selected.length < 1 || selected.length > 2} onClick={compare} data-testid="compare-milestones">
                Compare
              </Button>
            }
          >
            Milestones
          </Header>
        }
        loading={list.loading}
        items={[...ms].reverse()}
        trackBy="MilestoneNumber"
        selectionType="multi"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems.slice(-2))}
        ariaLabels={{
          itemSelectionLabel: (_s, m) => `Select ${m.MilestoneName}`,
          allItemsSelectionLabel: () => 'Select all milestones',
          selectionGroupLabel: 'Milestone selection',
        }}
        empty={<Box textAlign="center">No milestones. Save one from the workload's page.</Box>}
        columnDefinitions={[
          { id: 'n', header: 'Number', cell: (m) => m.MilestoneNumber },
          {
            id: 'name',
            header: 'Name',
            cell: (m) => (
              <Link href={href('workloads', id, 'milestones', m.MilestoneNumber!)} onFollow={followLink}>
                {m.MilestoneName}
              </Link>
            ),
          },
          { id: 'answered', header: 'Questions answered', cell: (m) => `${answered(m.WorkloadSummary?.RiskCounts)}/${total(m.WorkloadSummary?.RiskCounts)}` },
          { id: 'high', header: 'High risks', cell: (m) => <RiskCount n={m.WorkloadSummary?.RiskCounts?.HIGH} risk="HIGH" /> },
          { id: 'medium', header: 'Medium risks', cell: (m) => <RiskCount n={m.WorkloadSummary?.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
          { id: 'recorded', header: 'Saved', cell: (m) => date(m.RecordedAt) },
        ]}
      />
      {ms.length > 0 && (
        <Container header={<Header variant="h2" description="High and medium risks at each milestone, and now.">Risks over milestones</Header>}>
          <LineChart
            series={[
              { title: 'High risks', type: 'line', data: points.map((p) => ({ x: p.x, y: p.counts?.HIGH ?? 0 })) },
              { title: 'Medium risks', type: 'line', data: points.map((p) => ({ x: p.x, y: p.counts?.MEDIUM ?? 0 })) },
            ]}
            xDomain={points.map((p) => p.x)}
            xScaleType="categorical"
            height={220}
            hideFilter
            ariaLabel="High and medium risks over milestones"
            xTitle="Milestone"
            yTitle="Risks"
          />
        </Container>
      )}
    </SpaceBetween>
  );
}
