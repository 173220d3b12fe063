// Agent profiles: the list a page at a time, with create and delete.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { deleteAgentProfile, listAgentProfiles } from '../../api/gen/ops';
import type { AgentProfileSummary } from '../../api/gen/types';
import { ErrorAlert } from '../../components/common';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useFlash } from '../../flash';
import { followLink, href } from '../../router';
import { pillarLabel } from './common';
import { useTokenPages } from './paging';

export function AgentProfiles() {
  const list = useTokenPages((nextToken) => listAgentProfiles({ nextToken, maxResults: 20 }), [], 'profiles');
  const [selected, setSelected] = useState<AgentProfileSummary[]>([]);
  const [deleting, setDeleting] = useState<AgentProfileSummary>();
  const flash = useFlash();
  const one = selected[0];
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={list.error} />
      <Table
        data-testid="agent-profiles-table"
        variant="full-page"
        header={
          <Header
            variant="awsui-h1-sticky"
            description="A profile selects workloads by account and Region; the Agent recommends improvements from their reviews and scans."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!one} onClick={() => setDeleting(one)}>
                  Delete
                </Button>
                <Button variant="primary" href="#/agent/new" onFollow={followLink}>
                  Create profile
                </Button>
              </SpaceBetween>
            }
          >
            Agent profiles
          </Header>
        }
        loading={list.loading}
        loadingText="Loading agent profiles"
        items={list.items}
        pagination={list.pagination}
        trackBy="arn"
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, p) => `Select ${p.displayName || p.name}`, selectionGroupLabel: 'Profile selection' }}
        empty={<Box textAlign="center">No agent profiles yet.</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (p) => (
              <Link href={href('agent', p.arn)} onFollow={followLink}>
                {p.displayName || p.name}
              </Link>
            ),
          },
          { id: 'pillars', header: 'Pillars', cell: (p) => p.pillars.map((x) => pillarLabel[x] ?? x).join(', ') || '-' },
          {
            id: 'eligible',
            header: 'Eligible',
            cell: (p) =>
              p.eligibleForArchitectureGeneration ? <StatusIndicator type="success">Yes</StatusIndicator> : <StatusIndicator type="stopped">No</StatusIndicator>,
          },
          { id: 'errors', header: 'Field errors', cell: (p) => Object.keys(p.fieldErrors ?? {}).length },
        ]}
      />
      {deleting && (
        <ConfirmDelete
          what="agent profile"
          name={deleting.name}
          consequence="removes its goals, contexts, generations and recommendations."
          onDelete={() => deleteAgentProfile({ profileArn: deleting.arn })}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            flash({ type: 'success', content: `Deleted ${deleting.name}.` });
            setDeleting(undefined);
            setSelected([]);
            list.reload();
          }}
        />
      )}
    </SpaceBetween>
  );
}
