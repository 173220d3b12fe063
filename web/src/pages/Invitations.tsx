// Share invitations: workloads, lenses, profiles and templates shared with
// the caller, to accept or reject.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { listShareInvitations, updateShareInvitation } from '../api/gen/ops';
import type { ShareInvitationSummary } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { useFlash } from '../flash';

function resourceName(i: ShareInvitationSummary) {
  return i.WorkloadName ?? i.LensName ?? i.ProfileName ?? i.TemplateName ?? '-';
}

export function Invitations() {
  const list = useAsync(() => listShareInvitations({ MaxResults: 50 }).then((r) => r.ShareInvitationSummaries ?? []), []);
  const [selected, setSelected] = useState<ShareInvitationSummary[]>([]);
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  const act = async (action: 'ACCEPT' | 'REJECT') => {
    setError(undefined);
    try {
      for (const i of selected) await updateShareInvitation({ ShareInvitationId: i.ShareInvitationId!, ShareInvitationAction: action });
      flash({ type: 'success', content: action === 'ACCEPT' ? 'Invitation accepted.' : 'Invitation rejected.' });
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
        variant="full-page"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={list.data ? `(${list.data.length})` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={selected.length === 0} onClick={() => act('REJECT')}>
                  Reject
                </Button>
                <Button variant="primary" disabled={selected.length === 0} onClick={() => act('ACCEPT')}>
                  Accept
                </Button>
              </SpaceBetween>
            }
          >
            Share invitations
          </Header>
        }
        loading={list.loading}
        items={list.data ?? []}
        trackBy="ShareInvitationId"
        selectionType="multi"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, i) => `Select ${resourceName(i)}`, allItemsSelectionLabel: () => 'Select all invitations', selectionGroupLabel: 'Invitation selection' }}
        empty={<Box textAlign="center">No pending invitations.</Box>}
        columnDefinitions={[
          { id: 'name', header: 'Name', cell: resourceName },
          { id: 'type', header: 'Type', cell: (i) => i.ShareResourceType },
          { id: 'by', header: 'Shared by', cell: (i) => i.SharedBy },
          { id: 'with', header: 'Shared with', cell: (i) => i.SharedWith },
          { id: 'perm', header: 'Permission', cell: (i) => i.PermissionType ?? '-' },
        ]}
      />
    </SpaceBetween>
  );
}
