// Sharing one lens, profile or review template: who it is shared with and
// in which state, share with another account, user, organization or OU,
// and remove shares. The three resources have the same share shape, so the
// profiles and templates pages use this modal too, with their own calls.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import type { LensShareSummary, ProfileShareSummary, ShareStatus, TemplateShareSummary } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';

/** ShareSummary is a share of any of the three: their shapes have the same members. */
type ShareSummary = LensShareSummary | ProfileShareSummary | TemplateShareSummary;

const statusType: Record<ShareStatus, StatusIndicatorProps.Type> = {
  ACCEPTED: 'success',
  ASSOCIATED: 'success',
  PENDING: 'pending',
  ASSOCIATING: 'in-progress',
  REJECTED: 'error',
  FAILED: 'error',
  REVOKED: 'stopped',
  EXPIRED: 'stopped',
};

/** ShareStatusText shows a share's state with an icon and its word. */
export function ShareStatusText({ status }: { status?: ShareStatus }) {
  if (!status) return <>-</>;
  const word = status.charAt(0) + status.slice(1).toLowerCase();
  return <StatusIndicator type={statusType[status] ?? 'info'}>{word}</StatusIndicator>;
}

/** The principals a share may name, as the API accepts them. */
const shareTarget = /^([0-9]{12}|arn:aws[-a-z]*:iam::[0-9]{12}:user\/\S+|o-[a-z0-9]{10,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|arn:aws[-a-z]*:organizations::\S+)$/;

export interface ShareCalls {
  list: () => Promise<ShareSummary[]>;
  create: (sharedWith: string) => Promise<unknown>;
  remove: (shareId: string) => Promise<unknown>;
}

export function ShareModal({ what, name, calls, onClose }: { what: string; name: string; calls: ShareCalls; onClose: () => void }) {
  const list = useAsync(calls.list, []);
  const [selected, setSelected] = useState<ShareSummary[]>([]);
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const valid = shareTarget.test(to.trim());

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => {
      await calls.create(to.trim());
      setTo('');
    });
  const remove = () =>
    run(async () => {
      for (const s of selected) await calls.remove(s.ShareId!);
      setSelected([]);
      setConfirming(false);
    });

  return (
    <Modal visible onDismiss={onClose} size="large" header={`Share ${what}: ${name}`} footer={<Box float="right"><Button onClick={onClose}>Close</Button></Box>}>
      <SpaceBetween size="l">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) create();
          }}
        >
          <SpaceBetween size="s">
            <FormField
              label="Share with"
              description="A 12-digit account ID, an IAM user ARN, an organization ID (o-…) or an organizational unit ID (ou-…). The recipient sees an invitation."
              errorText={to && !valid ? 'Enter an account ID, a user ARN, an organization ID or an OU ID.' : undefined}
              secondaryControl={
                <Button formAction="submit" disabled={!valid} loading={busy}>
                  Share
                </Button>
              }
            >
              <Input value={to} onChange={(e) => setTo(e.detail.value)} ariaLabel="Share with" />
            </FormField>
          </SpaceBetween>
        </form>
        <ErrorAlert error={error ?? list.error} />
        <Table
          header={
            <Header
              variant="h3"
              counter={list.data ? `(${list.data.length})` : undefined}
              actions={
                confirming ? (
                  <SpaceBetween direction="horizontal" size="xs">
                    <Button onClick={() => setConfirming(false)}>Keep</Button>
                    <Button variant="primary" onClick={remove} loading={busy}>
                      Confirm removing {selected.length}
                    </Button>
                  </SpaceBetween>
                ) : (
                  <Button disabled={selected.length === 0} onClick={() => setConfirming(true)}>
                    Remove share
                  </Button>
                )
              }
            >
              Shares
            </Header>
          }
          loading={list.loading}
          loadingText="Loading shares"
          items={list.data ?? []}
          trackBy="ShareId"
          selectionType="multi"
          selectedItems={selected}
          onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
          ariaLabels={{
            itemSelectionLabel: (_s, x) => `Select ${x.SharedWith}`,
            allItemsSelectionLabel: () => 'Select all shares',
            selectionGroupLabel: 'Share selection',
          }}
          empty={<Box textAlign="center">Not shared with anyone.</Box>}
          columnDefinitions={[
            { id: 'with', header: 'Shared with', cell: (s) => s.SharedWith },
            { id: 'status', header: 'Status', cell: (s) => <ShareStatusText status={s.Status} /> },
            { id: 'msg', header: 'Status message', cell: (s) => s.StatusMessage ?? '-' },
          ]}
        />
      </SpaceBetween>
    </Modal>
  );
}
