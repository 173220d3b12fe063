// A destructive action asks for the resource's name to be typed, as the AWS
// console does; workloads, lenses, profiles and templates delete through it.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import { ActionModal } from './ActionModal';

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
  return (
    <ActionModal
      header={`Delete ${what}`}
      action="Delete"
      disabled={typed !== name}
      testId="confirm-delete"
      onClose={onClose}
      run={async () => {
        await onDelete();
        onDeleted();
      }}
    >
      <Box>
        Deleting <b>{name}</b> {consequence} This cannot be undone.
      </Box>
      {children}
      <FormField label={`To confirm, type the ${what}'s name: ${name}`}>
        <Input value={typed} onChange={(e) => setTyped(e.detail.value)} ariaLabel={`${what} name to confirm`} />
      </FormField>
    </ActionModal>
  );
}
