// A workload's shares: who it is shared with, with which permission and in
// which state; share with an account, user, organization or OU; delete.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { createWorkloadShare, deleteWorkloadShare, listWorkloadShares } from '../api/gen/ops';
import type { PermissionType, Workload, WorkloadShareSummary } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { useFlash } from '../flash';
import { ActionModal } from '../components/ActionModal';

export function Shares({ w }: { w: Workload }) {
  const id = w.WorkloadId!;
  const list = useAsync(() => listWorkloadShares({ WorkloadId: id, MaxResults: 50 }).then((r) => r.WorkloadShareSummaries ?? []), [id]);
  const [selected, setSelected] = useState<WorkloadShareSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  const del = async () => {
    setError(undefined);
    try {
      for (const s of selected) await deleteWorkloadShare({ WorkloadId: id, ShareId: s.ShareId! });
      flash({ type: 'success', content: 'Share deleted.' });
      setSelected([]);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={error ?? list.error} />
      <Table
        header={
          <Header
            variant="h2"
            counter={list.data ? `(${list.data.length})` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={selected.length === 0} onClick={del}>
                  Delete
                </Button>
                <Button variant="primary" onClick={() => setCreating(true)}>
                  Create share
                </Button>
              </SpaceBetween>
            }
          >
            Shares
          </Header>
        }
        loading={list.loading}
        items={list.data ?? []}
        trackBy="ShareId"
        selectionType="multi"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, x) => `Select ${x.SharedWith}`, allItemsSelectionLabel: () => 'Select all shares', selectionGroupLabel: 'Share selection' }}
        empty={<Box textAlign="center">The workload is not shared.</Box>}
        columnDefinitions={[
          { id: 'with', header: 'Shared with', cell: (s) => s.SharedWith },
          { id: 'perm', header: 'Permission', cell: (s) => (s.PermissionType === 'CONTRIBUTOR' ? 'Contributor' : 'Read-only') },
          { id: 'status', header: 'Status', cell: (s) => s.Status },
          { id: 'msg', header: 'Status message', cell: (s) => s.StatusMessage ?? '-' },
        ]}
      />
      {creating && (
        <CreateShare
          workloadId={id}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            flash({ type: 'success', content: 'Share created; the recipient sees an invitation.' });
            list.reload();
          }}
        />
      )}
    </SpaceBetween>
  );
}

function CreateShare({ workloadId, onClose, onCreated }: { workloadId: string; onClose: () => void; onCreated: () => void }) {
  const [to, setTo] = useState('');
  const [perm, setPerm] = useState<PermissionType>('READONLY');
  const valid = /^([0-9]{12}|arn:aws:iam::[0-9]{12}:user\/\S+|o-[a-z0-9]{10,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|arn:aws:organizations::\S+)$/.test(to.trim());
  return (
    <ActionModal
      header="Create share"
      action="Create"
      disabled={!valid}
      onClose={onClose}
      run={async () => {
        await createWorkloadShare({ WorkloadId: workloadId, SharedWith: to.trim(), PermissionType: perm });
        onCreated();
      }}
    >
      <FormField
        label="Share with"
        description="A 12-digit account ID, an IAM user ARN, an organization ID (o-…) or an organizational unit ID (ou-…)."
        errorText={to && !valid ? 'Enter an account ID, a user ARN, an organization ID or an OU ID.' : undefined}
      >
        <Input value={to} onChange={(e) => setTo(e.detail.value)} ariaLabel="Share with" />
      </FormField>
      <FormField label="Permission">
        <RadioGroup
          value={perm}
          onChange={(e) => setPerm(e.detail.value as PermissionType)}
          items={[
            { value: 'READONLY', label: 'Read-only', description: 'Can view the workload and its reviews.' },
            { value: 'CONTRIBUTOR', label: 'Contributor', description: 'Can also answer questions and save milestones.' },
          ]}
        />
      </FormField>
    </ActionModal>
  );
}
