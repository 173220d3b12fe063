// Save milestone: a name of 3 to 100 characters, unique in the workload.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import { createMilestone } from '../api/gen/ops';
import { ActionModal } from './ActionModal';

export function SaveMilestone({ workloadId, onClose, onSaved }: { workloadId: string; onClose: () => void; onSaved: (n: number, name: string) => void }) {
  const [name, setName] = useState('');
  const n = [...name.trim()].length;
  return (
    <ActionModal
      header="Save milestone"
      action="Save"
      disabled={n < 3 || n > 100}
      testId="save-milestone-confirm"
      onClose={onClose}
      run={async () => {
        const out = await createMilestone({ WorkloadId: workloadId, MilestoneName: name.trim() });
        onSaved(out.MilestoneNumber!, name.trim());
      }}
    >
      <Box>A milestone records the workload's current state, its lens reviews and answers. It cannot be changed later.</Box>
      <FormField label="Milestone name" constraintText="3 to 100 characters, unique in this workload.">
        <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Milestone name" autoFocus />
      </FormField>
    </ActionModal>
  );
}
