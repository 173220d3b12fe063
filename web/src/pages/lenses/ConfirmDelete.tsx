// A destructive action asks for the resource's name to be typed, as the AWS
// console does; lenses, profiles and templates all delete through it.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { ErrorAlert } from '../../components/common';

export function ConfirmDelete({
  what,
  name,
  consequence,
  children,
  onDelete,
  onClose,
  onDeleted,
}: {
  what: string;
  name: string;
  consequence: string;
  children?: React.ReactNode;
  onDelete: () => Promise<unknown>;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const del = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onDelete();
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
      header={`Delete ${what}`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" disabled={typed !== name} loading={busy} onClick={del} data-testid="confirm-delete">
              Delete
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box>
          Deleting <b>{name}</b> {consequence} This cannot be undone.
        </Box>
        {children}
        <FormField label={`To confirm, type the ${what}'s name: ${name}`}>
          <Input value={typed} onChange={(e) => setTyped(e.detail.value)} ariaLabel={`${what} name to confirm`} />
        </FormField>
        <ErrorAlert error={error} />
      </SpaceBetween>
    </Modal>
  );
}
