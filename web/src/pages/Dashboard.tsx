// Dashboard: how many workloads carry high and medium risks, the workload
// reviews, and for the selected workload its milestones and its risks per
// pillar in the framework lens.
import { lazy, Suspense, useMemo, useState } from 'react';
import Spinner from '@cloudscape-design/components/spinner';
import Pagination from '@cloudscape-design/components/pagination';
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import Button from '@cloudscape-design/components/button';
import { ConsolidatedReportButton } from '../components/ReportButton';
import { useWorkloads } from '../prefetch';
import type { WorkloadSummary } from '../api/gen/types';
import { ErrorAlert, RiskCount } from '../components/common';
import { answered, date, total } from '../format';
import { followLink, href } from '../router';

type RiskFilter = 'all' | 'high' | 'medium';

// The selected workload's milestones and chart come in a chunk of their
// own, so the first paint of the dashboard does not wait for the charts.
const SelectedWorkload = lazy(() => import('./DashboardWorkload').then((m) => ({ default: m.SelectedWorkload })));
const PAGE = 10;

export function Dashboard() {
  const list = useWorkloads();
  const [filter, setFilter] = useState<RiskFilter>('all');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<WorkloadSummary | undefined>();
  const workloads = list.data ?? [];
  const high = workloads.filter((w) => (w.RiskCounts?.HIGH ?? 0) > 0);
  const medium = workloads.filter((w) => (w.RiskCounts?.MEDIUM ?? 0) > 0);
  const shown = useMemo(
    () =>
      (filter === 'high' ? high : filter === 'medium' ? medium : workloads).filter((w) =>
        (w.WorkloadName ?? '').toLowerCase().includes(text.toLowerCase()),
      ),
    [filter, text, workloads],
  );
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const visible = shown.slice((Math.min(page, pages) - 1) * PAGE, Math.min(page, pages) * PAGE);
  const current = selected ?? visible[0];

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <ConsolidatedReportButton />
              <Button variant="primary" href="#/workloads/new" onFollow={followLink}>
                Define workload
              </Button>
            </SpaceBetween>
          }
        >
          Dashboard
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ErrorAlert error={list.error} />
        <Container header={<Header variant="h2">Workloads overview</Header>}>
          <ColumnLayout columns={3} variant="text-grid">
            <Counter label="Total workloads" n={workloads.length} onClick={() => (setFilter('all'), setPage(1))} loading={list.loading} />
            <Counter label="Workloads with high risks" n={high.length} onClick={() => (setFilter('high'), setPage(1))} loading={list.loading} />
            <Counter label="Workloads with medium risks" n={medium.length} onClick={() => (setFilter('medium'), setPage(1))} loading={list.loading} />
          </ColumnLayout>
        </Container>
        <Table
          data-testid="dashboard-reviews"
          header={
            <Header variant="h2" counter={`(${shown.length})`}>
              Workload reviews
            </Header>
          }
          loading={list.loading && workloads.length === 0}
          loadingText="Loading workloads"
          items={visible}
          trackBy="WorkloadId"
          selectionType="single"
          selectedItems={current ? [current] : []}
          onSelectionChange={(e) => setSelected(e.detail.selectedItems[0])}
          ariaLabels={{ itemSelectionLabel: (_s, w) => `Select ${w.WorkloadName}`, selectionGroupLabel: 'Workload selection' }}
          filter={
            <SpaceBetween direction="horizontal" size="s">
              <TextFilter filteringText={text} onChange={(e) => (setText(e.detail.filteringText), setPage(1))} filteringPlaceholder="Find workloads" filteringAriaLabel="Find workloads" />
              <SegmentedControl
                selectedId={filter}
                onChange={(e) => (setFilter(e.detail.selectedId as RiskFilter), setPage(1))}
                label="Filter by risk"
                options={[
                  { id: 'all', text: 'All' },
                  { id: 'high', text: 'High risks' },
                  { id: 'medium', text: 'Medium risks' },
                ]}
              />
            </SpaceBetween>
          }
          pagination={<Pagination currentPageIndex={Math.min(page, pages)} pagesCount={pages} onChange={(e) => setPage(e.detail.currentPageIndex)} />}
          empty={<Box textAlign="center">No workloads. Define one to start a review.</Box>}
          columnDefinitions={[
            {
              id: 'name',
              header: 'Workload name',
              cell: (w) => (
                <Link href={href('workloads', w.WorkloadId!)} onFollow={followLink}>
                  {w.WorkloadName}
                </Link>
              ),
            },
            { id: 'answered', header: 'Questions answered', cell: (w) => `${answered(w.RiskCounts)}/${total(w.RiskCounts)}` },
            { id: 'high', header: 'High risks', cell: (w) => <RiskCount n={w.RiskCounts?.HIGH} risk="HIGH" /> },
            { id: 'medium', header: 'Medium risks', cell: (w) => <RiskCount n={w.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
            { id: 'updated', header: 'Last updated', cell: (w) => date(w.UpdatedAt) },
          ]}
        />
        {current && (
          <Suspense fallback={<Spinner />}>
            <SelectedWorkload key={current.WorkloadId} w={current} />
          </Suspense>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

function Counter({ label, n, onClick, loading }: { label: string; n: number; onClick: () => void; loading: boolean }) {
  return (
    <div>
      <Box variant="awsui-key-label">{label}</Box>
      <Link variant="awsui-value-large" href="#" onFollow={(e) => (e.preventDefault(), onClick())} ariaLabel={`${label}: ${n}. Show them`}>
        {loading ? '-' : String(n)}
      </Link>
    </div>
  );
}
