// The lens catalog: the ready-made lenses the server carries, with what the
// account installed from each. The whole catalog is read once (it holds tens
// of entries) and filtered here, so typing in the filter costs no request.
// Titles and descriptions come from a catalog's authors, possibly a team's
// own folder: they are rendered as React text only.
import { useMemo, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useCollection } from '@cloudscape-design/collection-hooks';
import { listLensCatalog } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { LensCatalogEntrySummary } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { InfoLink } from '../../help/Help';
import { usePageHelp } from '../../help/context';
import { catalogHelp } from '../../help/catalogHelp';
import { followLink, href } from '../../router';
import { InstallStatusText, frameworkPillars, pillarNames } from './catalogDisplay';

const anyCategory: SelectProps.Option = { value: '', label: 'Any category' };
const anyPillar: SelectProps.Option = { value: '', label: 'Any pillar' };

/** searchText is what the text filter looks in: the fields the API's own
 * Search looks in, so both find the same entries. */
const searchText = (e: LensCatalogEntrySummary) =>
  [e.EntryId, e.Title, e.Description, e.LensName, ...(e.Categories ?? [])].join('\n').toLowerCase();

export function Catalog() {
  usePageHelp(catalogHelp);
  const list = useAsync(() => allPages((NextToken) => listLensCatalog({ NextToken, MaxResults: 50 }), 'LensCatalogEntries'), []);
  const [category, setCategory] = useState<SelectProps.Option>(anyCategory);
  const [pillar, setPillar] = useState<SelectProps.Option>(anyPillar);
  const all = list.data ?? [];
  const categories = useMemo(() => [...new Set(all.flatMap((e) => e.Categories ?? []))].sort(), [all]);
  // The selects narrow the list before the collection's text filter, which
  // then counts its matches among what they leave.
  const narrowed = all.filter(
    (e) => (!category.value || (e.Categories ?? []).includes(category.value)) && (!pillar.value || (e.FrameworkPillars ?? []).includes(pillar.value)),
  );
  const narrowedBySelects = !!(category.value || pillar.value);
  const { items, collectionProps, filterProps, filteredItemsCount, actions } = useCollection(narrowed, {
    filtering: {
      filteringFunction: (e, text) => searchText(e).includes(text.trim().toLowerCase()),
      empty: <Box textAlign="center">{narrowedBySelects ? 'No lens of the catalog matches the filters.' : 'The catalog is empty.'}</Box>,
      noMatch: <Box textAlign="center">No lens of the catalog matches the filters.</Box>,
    },
    sorting: {},
  });
  const clear = () => {
    setCategory(anyCategory);
    setPillar(anyPillar);
    actions.setFiltering('');
  };

  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        info={<InfoLink topic={catalogHelp} about="the lens catalog" />}
        description="Ready-made custom lenses for services and practices. Install one to make it a lens of your account, then apply it to your workloads."
      >
        Lens catalog
      </Header>
      <ErrorAlert error={list.error} header="The catalog could not be read" />
      <Table
        {...collectionProps}
        data-testid="catalog-table"
        header={<Header counter={list.data ? `(${list.data.length})` : undefined}>Lenses</Header>}
        loading={list.loading}
        loadingText="Loading the catalog"
        wrapLines
        items={items}
        trackBy={(e) => e.EntryId ?? ''}
        filter={
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-end' }}>
            <div style={{ flex: '1 1 280px' }}>
              <TextFilter
                {...filterProps}
                filteringPlaceholder="Find lenses"
                filteringAriaLabel="Find lenses"
                countText={filteredItemsCount === 1 ? '1 match' : `${filteredItemsCount ?? 0} matches`}
              />
            </div>
            <div style={{ flex: '0 1 220px' }}>
              <Select
                data-testid="catalog-category"
                ariaLabel="Filter by category"
                selectedOption={category}
                onChange={(e) => setCategory(e.detail.selectedOption)}
                options={[anyCategory, ...categories.map((c) => ({ value: c, label: c }))]}
              />
            </div>
            <div style={{ flex: '0 1 260px' }}>
              <Select
                data-testid="catalog-pillar"
                ariaLabel="Filter by framework pillar"
                selectedOption={pillar}
                onChange={(e) => setPillar(e.detail.selectedOption)}
                options={[anyPillar, ...frameworkPillars.map((p) => ({ value: p.id, label: p.name }))]}
              />
            </div>
            {(narrowedBySelects || filterProps.filteringText) && <Link onFollow={clear}>Clear filters</Link>}
          </div>
        }
        columnDefinitions={[
          {
            id: 'title',
            header: 'Lens',
            sortingField: 'Title',
            minWidth: 200,
            cell: (e) => (
              <Link href={href('lens-catalog', e.EntryId ?? '')} onFollow={followLink}>
                {e.Title}
              </Link>
            ),
          },
          { id: 'description', header: 'Description', maxWidth: 420, cell: (e) => e.Description || '-' },
          { id: 'categories', header: 'Categories', cell: (e) => (e.Categories ?? []).join(', ') || '-' },
          { id: 'pillars', header: 'Framework pillars', maxWidth: 260, cell: (e) => pillarNames(e.FrameworkPillars) || 'Its own pillars only' },
          { id: 'questions', header: 'Questions', sortingField: 'QuestionCount', cell: (e) => e.QuestionCount ?? '-' },
          { id: 'status', header: 'Status', minWidth: 140, cell: (e) => <InstallStatusText status={e.InstallStatus} installed={e.InstalledVersion} /> },
        ]}
      />
    </SpaceBetween>
  );
}
