// A profile's goals: a page at a time, created and edited in a dialog that
// shows the API's checks by field, deleted after a confirmation. The
// engine raises the recommendations on a goal's pillars and names the goal.
import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { createAgentGoal, deleteAgentGoal, listAgentGoals, updateAgentGoal } from '../../api/gen/ops';
import type { GoalSummary, Pillar } from '../../api/gen/types';
import { ActionModal } from '../../components/ActionModal';
import { AgentChildTable } from './AgentChildren';
import { fieldErrorOf, pillarLabel } from './common';
import { PillarSelect } from './PillarSelect';

/** goalPageSize is how many goals a page shows. */
export const goalPageSize = 10;

export function AgentGoals({ profileArn }: { profileArn: string }) {
  return (
    <AgentChildTable<GoalSummary>
      noun="goal"
      heading="Goals"
      description="The engine ranks recommendations on a goal's pillars higher and names the goal on them."
      empty="No goals."
      testId="agent-goals-table"
      deleted="the next generation no longer weighs it."
      load={(nextToken) => listAgentGoals({ profileArn, nextToken, maxResults: goalPageSize })}
      deps={[profileArn]}
      columns={[
        { id: 'pillars', header: 'Pillars', cell: (g) => g.pillars.map((p) => pillarLabel[p] ?? p).join(', ') },
        { id: 'description', header: 'Description', cell: (g) => g.description || '-' },
      ]}
      remove={(g) => deleteAgentGoal({ profileArn, id: g.id })}
      dialog={(g, onClose, onSaved) => <GoalModal goal={g} profileArn={profileArn} onClose={onClose} onSaved={onSaved} />}
    />
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
          <PillarSelect value={chosen} onChange={setChosen} ariaLabel="Goal pillars" />
        </FormField>
      </SpaceBetween>
    </ActionModal>
  );
}
