// A profile's goals: a page at a time, created and edited in a dialog that
// shows the API's checks by field, deleted after a confirmation. The
// engine raises the recommendations on a goal's pillars and names the goal.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { createAgentGoal, deleteAgentGoal, listAgentGoals, updateAgentGoal } from '../../api/gen/ops';
import type { GoalSummary, Pillar } from '../../api/gen/types';
import { ActionModal } from '../../components/ActionModal';
import { ErrorAlert } from '../../components/common';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useFlash } from '../../flash';
import { fieldErrorOf, pillarLabel, pillars, when } from './common';
import { useTokenPages } from './paging';

/** goalPageSize is how many goals a page shows. */
export const goalPageSize = 10;

export function AgentGoals({ profileArn }: { profileArn: string }) {
  const list = useTokenPages((nextToken) => listAgentGoals({ profileArn, nextToken, maxResults: goalPageSize }), [profileArn], 'goals');
  const [selected, setSelected] = useState<GoalSummary[]>([]);
  const [editing, setEditing] = useState<GoalSummary | 'new'>();
  const [deleting, setDeleting] = useState<GoalSummary>();
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
        data-testid="agent-goals-table"
        header={
          <Header
            variant="h2"
            description="The engine ranks recommendations on a goal's pillars higher and names the goal on them."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!one} onClick={() => setDeleting(one)}>
                  Delete goal
                </Button>
                <Button disabled={!one} onClick={() => setEditing(one)}>
                  Edit goal
                </Button>
                <Button onClick={() => setEditing('new')}>Add goal</Button>
              </SpaceBetween>
            }
          >
            Goals
          </Header>
        }
        loading={list.loading}
        loadingText="Loading goals"
        items={list.items}
        trackBy="id"
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, g) => `Select goal ${g.title}`, selectionGroupLabel: 'Goal selection' }}
        pagination={list.pagination}
        empty={<Box textAlign="center">No goals.</Box>}
        columnDefinitions={[
          { id: 'title', header: 'Goal', cell: (g) => g.title },
          { id: 'pillars', header: 'Pillars', cell: (g) => g.pillars.map((p) => pillarLabel[p] ?? p).join(', ') },
          { id: 'description', header: 'Description', cell: (g) => g.description || '-' },
          { id: 'modified', header: 'Last changed', cell: (g) => when(g.lastModifiedAt ?? g.createdAt) },
        ]}
      />
      {editing && (
        <GoalModal
          goal={editing === 'new' ? undefined : editing}
          profileArn={profileArn}
          onClose={() => setEditing(undefined)}
          onSaved={(g, created) => done(`${created ? 'Added' : 'Saved'} goal ${g.title}.`)}
        />
      )}
      {deleting && (
        <ConfirmDelete
          what="goal"
          name={deleting.title}
          consequence="the next generation no longer weighs it."
          onDelete={() => deleteAgentGoal({ profileArn, id: deleting.id })}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            setDeleting(undefined);
            done(`Deleted goal ${deleting.title}.`);
          }}
        />
      )}
    </>
  );
}

function GoalModal({ goal, profileArn, onClose, onSaved }: { goal?: GoalSummary; profileArn: string; onClose: () => void; onSaved: (g: GoalSummary, created: boolean) => void }) {
  const [title, setTitle] = useState(goal?.title ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [chosen, setChosen] = useState<Pillar[]>(goal?.pillars ?? []);
  const [error, setError] = useState<unknown>();
  const fieldError = fieldErrorOf(error);
  const run = async () => {
    setError(undefined);
    try {
      const input = { profileArn, title, description: description.trim() || undefined, pillars: chosen };
      const out = goal ? await updateAgentGoal({ ...input, id: goal.id }) : await createAgentGoal(input);
      onSaved(out.goal, !goal);
    } catch (e) {
      setError(e);
      throw e;
    }
  };
  return (
    <ActionModal header={goal ? `Edit goal ${goal.title}` : 'Add goal'} action={goal ? 'Save goal' : 'Add goal'} run={run} onClose={onClose} testId="agent-goal-save">
      <SpaceBetween size="m">
        <FormField label="Title" errorText={fieldError('title')}>
          <Input value={title} onChange={(e) => setTitle(e.detail.value)} ariaLabel="Goal title" />
        </FormField>
        <FormField label={<span>Description <i>- optional</i></span>} errorText={fieldError('description')}>
          <Textarea value={description} onChange={(e) => setDescription(e.detail.value)} ariaLabel="Goal description" />
        </FormField>
        <FormField label="Pillars" errorText={fieldError('pillars')}>
          <Multiselect
            selectedOptions={chosen.map((p) => ({ value: p, label: pillarLabel[p] }))}
            options={pillars.map((p) => ({ value: p, label: pillarLabel[p] }))}
            onChange={(e) => setChosen(e.detail.selectedOptions.map((o) => o.value as Pillar))}
            placeholder="Choose pillars"
            ariaLabel="Goal pillars"
          />
        </FormField>
      </SpaceBetween>
    </ActionModal>
  );
}
