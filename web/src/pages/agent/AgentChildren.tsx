// The records a profile owns, goals and contexts, as one kind of table: a
// page at a time, one selected, added and edited in a dialog the kind
// gives, deleted after a confirmation, a flash after each change. They
// differ in their names, their middle columns and their dialog (the API
// side shares one agentChildren the same way).
import { useState, type ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import { ErrorAlert } from '../../components/common';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useFlash } from '../../flash';
import { when } from './common';
import { useTokenPages, type TokenPage } from './paging';

/** A record of a profile, as the Agent's lists answer it. */
interface Child {
  id: string;
  title: string;
  createdAt: string;
  lastModifiedAt?: string;
}

/** AgentChildTable lists a profile's records of one kind; noun ("goal")
 * names them in the buttons, labels and flashes. */
export function AgentChildTable<T extends Child>(props: {
  noun: string;
  heading: string;
  description: string;
  empty: string;
  testId: string;
  /** deleted says what deleting one changes, after "the". */
  deleted: string;
  load: (nextToken?: string) => Promise<TokenPage<T>>;
  deps: unknown[];
  /** columns come between the title and the last change. */
  columns: TableProps.ColumnDefinition<T>[];
  remove: (item: T) => Promise<unknown>;
  /** dialog adds (item undefined) or edits one; onSaved ends it. */
  dialog: (item: T | undefined, onClose: () => void, onSaved: (item: T, created: boolean) => void) => ReactNode;
}) {
  const { noun } = props;
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const list = useTokenPages(props.load, props.deps, `${noun}s`);
  const [selected, setSelected] = useState<T[]>([]);
  const [editing, setEditing] = useState<T | 'new'>();
  const [deleting, setDeleting] = useState<T>();
  const flash = useFlash();
  const one = selected[0];
  const done = (what: string) => {
    flash({ type: 'success', content: what });
    setEditing(undefined);
    setSelected([]);
    list.reload();
  };
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table
        data-testid={props.testId}
        header={
          <Header
            variant="h2"
            description={props.description}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!one} onClick={() => setDeleting(one)}>
                  Delete {noun}
                </Button>
                <Button disabled={!one} onClick={() => setEditing(one)}>
                  Edit {noun}
                </Button>
                <Button onClick={() => setEditing('new')}>Add {noun}</Button>
              </SpaceBetween>
            }
          >
            {props.heading}
          </Header>
        }
        loading={list.loading}
        loadingText={`Loading ${noun}s`}
        items={list.items}
        trackBy="id"
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, c) => `Select ${noun} ${c.title}`, selectionGroupLabel: `${Noun} selection` }}
        pagination={list.pagination}
        empty={<Box textAlign="center">{props.empty}</Box>}
        columnDefinitions={[
          { id: 'title', header: Noun, cell: (c) => c.title },
          ...props.columns,
          { id: 'modified', header: 'Last changed', cell: (c) => when(c.lastModifiedAt ?? c.createdAt) },
        ]}
      />
      {editing &&
        props.dialog(
          editing === 'new' ? undefined : editing,
          () => setEditing(undefined),
          (c, created) => done(`${created ? 'Added' : 'Saved'} ${noun} ${c.title}.`),
        )}
      {deleting && (
        <ConfirmDelete
          what={noun}
          name={deleting.title}
          consequence={props.deleted}
          onDelete={() => props.remove(deleting)}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            setDeleting(undefined);
            done(`Deleted ${noun} ${deleting.title}.`);
          }}
        />
      )}
    </>
  );
}
