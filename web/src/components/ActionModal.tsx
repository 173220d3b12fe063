// A dialog around one action: Cancel, the action's button (busy while it
// runs, disabled while the input is not valid), and the API's error shown
// in the dialog so nothing typed is lost.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { ErrorAlert } from './common';

export function ActionModal({
  header,
  action,
  disabled,
  run,
  onClose,
  testId,
  children,
}: {
  header: string;
  action: string;
  disabled?: boolean;
  run: () => Promise<unknown>;
  onClose: () => void;
  testId?: string;
  children: React.ReactNode;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (disabled || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await run();
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
      header={header}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="primary" disabled={disabled} loading={busy} onClick={submit} data-testid={testId}>
              {action}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <SpaceBetween size="m">
          {children}
          <ErrorAlert error={error} />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
