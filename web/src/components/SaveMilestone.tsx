// Save milestone: a name (1 to 100 characters, unique in the workload).
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { wa } from '../api/ops';
import { ErrorAlert } from './common';

export function SaveMilestone({ workloadId, onClose, onSaved }: { workloadId: string; onClose: () => void; onSaved: (n: number, name: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const invalid = name.trim().length < 1 || name.length > 100;
  const save = async () => {
    if (invalid) return;
    setBusy(true);
    try {
      const out = await wa.createMilestone(workloadId, name.trim());
      onSaved(out.MilestoneNumber, name.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      visible
      onDismiss={onClose}
      header="Save milestone"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" disabled={invalid} loading={busy} onClick={save} data-testid="save-milestone-confirm">
              Save
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <SpaceBetween size="m">
          <Box>A milestone records the workload's current state, its lens reviews and answers. It cannot be changed later.</Box>
          <FormField label="Milestone name" constraintText="1 to 100 characters, unique in this workload.">
            <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Milestone name" autoFocus />
          </FormField>
          <ErrorAlert error={error} />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
