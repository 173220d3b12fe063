// Custom lenses: those owned by me (import, publish, share, export,
// delete), those shared with me, and the AWS official lenses, read-only.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useCollection } from '@cloudscape-design/collection-hooks';
import { createLensShare, deleteLensShare, exportLens, listLensShares, listLenses } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { LensSummary, LensType } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { date } from '../../format';
import { followLink, href, navigate } from '../../router';
import { DeleteLens } from './DeleteLens';
import { ImportLens } from './ImportLens';
import { LensStatusText, saveText } from './display';
import { PublishLens } from './PublishLens';
import { ShareModal } from './ShareModal';

type Tab = 'owned' | 'shared' | 'aws';
const types: Record<Tab, LensType> = { owned: 'CUSTOM_SELF', shared: 'CUSTOM_SHARED', aws: 'AWS_OFFICIAL' };
const aliasOf = (l: LensSummary) => l.LensAlias ?? l.LensArn ?? '';

export function Lenses({ tab }: { tab: string }) {
  const active: Tab = tab === 'shared' || tab === 'aws' ? tab : 'owned';
  const empty: Record<Tab, string> = {
    owned: 'You own no custom lens yet. Import one from a JSON file.',
    shared: 'No custom lens is shared with you. Accept a share invitation to see one here.',
    aws: 'No AWS official lens.',
  };
  return (
    <SpaceBetween size="l">
      <Header variant="h1" description="Lenses extend the Well-Architected review with your own pillars, questions and best practices.">
        Custom lenses
      </Header>
      <Tabs
        activeTabId={active}
        onChange={(e) => navigate(href('lenses') + '?tab=' + e.detail.activeTabId)}
        ariaLabel="Lenses by owner"
        tabs={[
          { id: 'owned', label: 'Owned by me', content: active === 'owned' && <LensTable key="owned" tab="owned" empty={empty.owned} /> },
          { id: 'shared', label: 'Shared with me', content: active === 'shared' && <LensTable key="shared" tab="shared" empty={empty.shared} /> },
          { id: 'aws', label: 'AWS official', content: active === 'aws' && <LensTable key="aws" tab="aws" empty={empty.aws} /> },
        ]}
      />
    </SpaceBetween>
  );
}

function LensTable({ tab, empty }: { tab: Tab; empty: string }) {
  const list = useAsync(() => allPages((NextToken) => listLenses({ LensType: types[tab], NextToken, MaxResults: 50 }), 'LensSummaries'), [tab]);
  const [selected, setSelected] = useState<LensSummary[]>([]);
  const [dialog, setDialog] = useState<'import' | 'publish' | 'share' | 'delete'>();
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  const owned = tab === 'owned';
  const one = selected[0];
  const { items, collectionProps, filterProps, filteredItemsCount } = useCollection(list.data ?? [], {
    filtering: {
      filteringFunction: (l, text) => ((l.LensName ?? '') + ' ' + (l.Description ?? '')).toLowerCase().includes(text.toLowerCase()),
      empty: <Box textAlign="center">{empty}</Box>,
      noMatch: <Box textAlign="center">No lens matches the filter.</Box>,
    },
    sorting: { defaultState: { sortingColumn: { sortingField: 'UpdatedAt' }, isDescending: true } },
  });
  const done = (message: string) => {
    setDialog(undefined);
    flash({ type: 'success', content: message });
    list.reload();
  };
  const download = async () => {
    setError(undefined);
    try {
      const r = await exportLens({ LensAlias: aliasOf(one) });
      saveText(r.LensJSON ?? '', one.LensName ?? '');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <SpaceBetween size="m">
      <ErrorAlert error={error ?? list.error} />
      <Table
        {...collectionProps}
        data-testid={`lenses-${tab}`}
        header={
          <Header
            variant="h2"
            counter={list.data ? `(${list.data.length})` : undefined}
            actions={
              owned && (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button disabled={!one} onClick={() => setDialog('delete')}>
                    Delete
                  </Button>
                  <Button disabled={!one} onClick={download}>
                    Export
                  </Button>
                  <Button disabled={!one} onClick={() => setDialog('share')}>
                    Share
                  </Button>
                  <Button disabled={!one} onClick={() => setDialog('publish')}>
                    Publish
                  </Button>
                  <Button variant="primary" onClick={() => setDialog('import')} data-testid="import-lens">
                    Import lens
                  </Button>
                </SpaceBetween>
              )
            }
          >
            {{ owned: 'Owned by me', shared: 'Shared with me', aws: 'AWS official lenses' }[tab]}
          </Header>
        }
        loading={list.loading}
        loadingText="Loading lenses"
        wrapLines
        items={items}
        trackBy={aliasOf}
        selectionType={owned ? 'single' : undefined}
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, l) => `Select ${l.LensName}`, selectionGroupLabel: 'Lens selection' }}
        filter={<TextFilter {...filterProps} filteringPlaceholder="Find lenses" filteringAriaLabel="Find lenses" countText={`${filteredItemsCount ?? 0} matches`} />}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            sortingField: 'LensName',
            cell: (l) => (
              <Link href={href('lenses', aliasOf(l))} onFollow={followLink}>
                {l.LensName}
              </Link>
            ),
          },
          { id: 'description', header: 'Description', cell: (l) => l.Description || '-', maxWidth: 360 },
          { id: 'status', header: 'Status', minWidth: 130, cell: (l) => <LensStatusText status={l.LensStatus} /> },
          { id: 'version', header: 'Version', cell: (l) => l.LensVersion || '-' },
          { id: 'owner', header: 'Owner', cell: (l) => l.Owner || '-' },
          { id: 'updated', header: 'Updated', sortingField: 'UpdatedAt', cell: (l) => date(l.UpdatedAt) },
        ]}
      />
      {dialog === 'import' && (
        <ImportLens
          owned={list.data ?? []}
          onClose={() => setDialog(undefined)}
          onImported={() => done('Lens imported as a draft. Publish it to use it in reviews.')}
        />
      )}
      {dialog === 'publish' && one && (
        <PublishLens lens={one} onClose={() => setDialog(undefined)} onPublished={(v) => done(`Published ${one.LensName} version ${v}.`)} />
      )}
      {dialog === 'share' && one && (
        <ShareModal
          what="lens"
          name={one.LensName ?? ''}
          onClose={() => setDialog(undefined)}
          calls={{
            list: () => allPages((NextToken) => listLensShares({ LensAlias: aliasOf(one), NextToken, MaxResults: 50 }), 'LensShareSummaries'),
            create: (to) => createLensShare({ LensAlias: aliasOf(one), SharedWith: to }),
            remove: (id) => deleteLensShare({ LensAlias: aliasOf(one), ShareId: id }),
          }}
        />
      )}
      {dialog === 'delete' && one && (
        <DeleteLens
          lens={one}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setSelected([]);
            done(`Deleted ${one.LensName}.`);
          }}
        />
      )}
    </SpaceBetween>
  );
}
