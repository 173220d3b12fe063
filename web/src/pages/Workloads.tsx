// Workloads: every workload the caller owns or has been shared, filtered and
// paginated, with define, edit and delete.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useCollection } from '@cloudscape-design/collection-hooks';
import { listWorkloads } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { WorkloadSummary } from '../api/gen/types';
import { ErrorAlert, RiskCount, useAsync } from '../components/common';
import { DeleteWorkload } from '../components/DeleteWorkload';
import { answered, date, improvementStatusLabel, total } from '../format';
import { followLink, href, navigate } from '../router';
import { useFlash } from '../flash';

export function Workloads() {
  const list = useAsync(() => allPages((NextToken) => listWorkloads({ NextToken, MaxResults: 50 }), 'WorkloadSummaries'), []);
  const [selected, setSelected] = useState<WorkloadSummary[]>([]);
  const [deleting, setDeleting] = useState<WorkloadSummary>();
  const flash = useFlash();
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(list.data ?? [], {
    filtering: {
      filteringFunction: (w, text) => (w.WorkloadName ?? '').toLowerCase().includes(text.toLowerCase()) || (w.Owner ?? '').includes(text),
      empty: <Box textAlign="center">No workloads yet.</Box>,
      noMatch: <Box textAlign="center">No workload matches the filter.</Box>,
    },
    pagination: { pageSize: 20 },
    sorting: { defaultState: { sortingColumn: { sortingField: 'UpdatedAt' }, isDescending: true } },
  });
  const one = selected[0];

  return (
    <SpaceBetween size="l">
      <ErrorAlert error={list.error} />
      <Table
        {...collectionProps}
        data-testid="workloads-table"
        variant="full-page"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={list.data ? `(${list.data.length})` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!one} onClick={() => one && navigate(href('workloads', one.WorkloadId!, 'edit'))}>
                  Edit
                </Button>
                <Button disabled={!one} onClick={() => setDeleting(one)}>
                  Delete
                </Button>
                <Button variant="primary" href="#/workloads/new" onFollow={followLink}>
                  Define workload
                </Button>
              </SpaceBetween>
            }
          >
            Workloads
          </Header>
        }
        loading={list.loading}
        loadingText="Loading workloads"
        items={items}
        trackBy="WorkloadId"
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, w) => `Select ${w.WorkloadName}`, selectionGroupLabel: 'Workload selection' }}
        filter={
          <TextFilter
            {...filterProps}
            filteringPlaceholder="Find workloads by name or owner"
            filteringAriaLabel="Find workloads"
            countText={`${filteredItemsCount ?? 0} matches`}
          />
        }
        pagination={<Pagination {...paginationProps} ariaLabels={{ nextPageLabel: 'Next page', previousPageLabel: 'Previous page', pageLabel: (n) => `Page ${n}` }} />}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            sortingField: 'WorkloadName',
            cell: (w) => (
              <Link href={href('workloads', w.WorkloadId!)} onFollow={followLink}>
                {w.WorkloadName}
              </Link>
            ),
          },
          { id: 'owner', header: 'Owner', cell: (w) => w.Owner },
          { id: 'answered', header: 'Questions answered', cell: (w) => `${answered(w.RiskCounts)}/${total(w.RiskCounts)}` },
          { id: 'high', header: 'High risks', cell: (w) => <RiskCount n={w.RiskCounts?.HIGH} risk="HIGH" /> },
          { id: 'medium', header: 'Medium risks', cell: (w) => <RiskCount n={w.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
          { id: 'improvement', header: 'Improvement status', cell: (w) => improvementStatusLabel[w.ImprovementStatus ?? ''] ?? w.ImprovementStatus ?? '-' },
          { id: 'updated', header: 'Last updated', sortingField: 'UpdatedAt', cell: (w) => date(w.UpdatedAt) },
        ]}
      />
      {deleting && (
        <DeleteWorkload
          w={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            flash({ type: 'success', content: `Deleted ${deleting.WorkloadName}.` });
            setDeleting(undefined);
            setSelected([]);
            list.reload();
          }}
        />
      )}
    </SpaceBetween>
  );
}
