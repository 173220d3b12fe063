// A profile's recommendations: every page read (with NextToken), then
// filtered by pillar, priority and status, sorted by any level column or
// the title, and shown a page at a time.
import { useMemo, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Pagination from '@cloudscape-design/components/pagination';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { AgentRecommendationSummary } from '../../api/gen/types';
import { ErrorAlert } from '../../components/common';
import { followLink, href } from '../../router';
import { levelLabel, pillarLabel, pillars, statusLabel } from './common';

/** recommendationPageSize is how many recommendations a page shows. */
export const recommendationPageSize = 20;

// Levels in order: HIGH and LARGE weigh most.
const rank: Record<string, number> = { HIGH: 3, LARGE: 3, MEDIUM: 2, LOW: 1, SMALL: 1 };
type SortField = 'priority' | 'impact' | 'effort' | 'title' | 'pillar';

const anyOption = { value: '', label: 'Any' };

export function AgentRecommendations({ items, loading, error }: { items: AgentRecommendationSummary[]; loading: boolean; error: unknown }) {
  const [pillar, setPillar] = useState('');
  const [priority, setPriority] = useState('');
  const [status, setStatus] = useState('');
  const [sortField, setSortField] = useState<SortField>('priority');
  const [descending, setDescending] = useState(true);
  const [page, setPage] = useState(1);
  const shown = useMemo(() => {
    const out = items.filter((r) => (!pillar || r.pillar === pillar) && (!priority || r.priority === priority) && (!status || r.status === status));
    const by = (r: AgentRecommendationSummary) => (sortField === 'title' ? 0 : sortField === 'pillar' ? pillars.indexOf(r.pillar) : (rank[r[sortField]] ?? 0));
    out.sort((a, b) => (by(a) - by(b) || (sortField === 'title' ? a.title.localeCompare(b.title) : 0)) * (descending ? -1 : 1) || a.title.localeCompare(b.title));
    return out;
  }, [items, pillar, priority, status, sortField, descending]);
  const pages = Math.max(1, Math.ceil(shown.length / recommendationPageSize));
  const current = Math.min(page, pages);
  const filter = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(1);
  };
  const pillarOptions = [anyOption, ...pillars.map((p) => ({ value: p, label: pillarLabel[p] }))];
  const priorityOptions = [anyOption, ...['HIGH', 'MEDIUM', 'LOW'].map((value) => ({ value, label: levelLabel[value] }))];
  const statusOptions = [anyOption, ...Object.entries(statusLabel).map(([value, label]) => ({ value, label }))];
  const choose = (label: string, options: { value: string; label: string }[], value: string, set: (v: string) => void) => (
    <Select
      selectedOption={options.find((o) => o.value === value) ?? anyOption}
      options={options}
      onChange={(e) => filter(set)(e.detail.selectedOption.value ?? '')}
      inlineLabelText={label}
      ariaLabel={`Filter by ${label.toLowerCase()}`}
    />
  );
  return (
    <SpaceBetween size="s">
      {error ? <ErrorAlert error={error} /> : null}
      <Table
        data-testid="agent-recommendations-table"
        header={<Header variant="h2" counter={`(${shown.length})`}>Recommendations</Header>}
        loading={loading}
        loadingText="Loading recommendations"
        items={shown.slice((current - 1) * recommendationPageSize, current * recommendationPageSize)}
        trackBy="recommendationArn"
        sortingColumn={{ sortingField: sortField }}
        sortingDescending={descending}
        onSortingChange={(e) => {
          setSortField((e.detail.sortingColumn.sortingField as SortField) ?? 'priority');
          setDescending(e.detail.isDescending ?? false);
        }}
        filter={
          <SpaceBetween direction="horizontal" size="s">
            {choose('Pillar', pillarOptions, pillar, setPillar)}
            {choose('Priority', priorityOptions, priority, setPriority)}
            {choose('Status', statusOptions, status, setStatus)}
          </SpaceBetween>
        }
        pagination={
          <Pagination
            currentPageIndex={current}
            pagesCount={pages}
            onChange={(e) => setPage(e.detail.currentPageIndex)}
            ariaLabels={{ nextPageLabel: 'Next page of recommendations', previousPageLabel: 'Previous page of recommendations', pageLabel: (n) => `Page ${n} of recommendations` }}
          />
        }
        empty={<Box textAlign="center">{items.length ? 'No recommendation matches the filters.' : 'No recommendations yet: generate them.'}</Box>}
        columnDefinitions={[
          { id: 'pillar', header: 'Pillar', sortingField: 'pillar', cell: (r) => pillarLabel[r.pillar] ?? r.pillar },
          {
            id: 'title',
            header: 'Title',
            sortingField: 'title',
            cell: (r) => (
              <Link href={href('agent-recommendations', r.recommendationArn)} onFollow={followLink}>
                {r.title}
              </Link>
            ),
          },
          { id: 'impact', header: 'Impact', sortingField: 'impact', cell: (r) => levelLabel[r.impact] ?? r.impact },
          { id: 'effort', header: 'Effort', sortingField: 'effort', cell: (r) => levelLabel[r.effort] ?? r.effort },
          { id: 'priority', header: 'Priority', sortingField: 'priority', cell: (r) => levelLabel[r.priority] ?? r.priority },
          { id: 'roi', header: 'Return', cell: (r) => (r.roi?.estimate ? (levelLabel[r.roi.estimate] ?? r.roi.estimate) : '-') },
          { id: 'status', header: 'Status', cell: (r) => statusLabel[r.status] ?? r.status },
        ]}
      />
    </SpaceBetween>
  );
}
