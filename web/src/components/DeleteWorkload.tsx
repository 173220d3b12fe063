// Deleting a workload asks for its name to be typed, as the AWS console does.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { wa } from '../api/ops';
import { ErrorAlert } from './common';

export function DeleteWorkload({ w, onClose, onDeleted }: { w: { WorkloadId: string; WorkloadName: string }; onClose: () => void; onDeleted: () => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const del = async () => {
    setBusy(true);
    try {
      await wa.deleteWorkload(w.WorkloadId);
      onDeleted();
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
      header="Delete workload"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" disabled={typed !== w.WorkloadName} loading={busy} onClick={del}>
              Delete
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box>
          Deleting <b>{w.WorkloadName}</b> removes its lens reviews, answers, milestones and shares. This cannot be undone.
        </Box>
        <FormField label={`To confirm, type the workload's name: ${w.WorkloadName}`}>
          <Input value={typed} onChange={(e) => setTyped(e.detail.value)} ariaLabel="Workload name to confirm" />
        </FormField>
        <ErrorAlert error={error} />
      </SpaceBetween>
    </Modal>
  );
}
