// Profiles: the business context of workloads (the profile template's
// questions, answered), those owned by me and those shared with me; create,
// edit, share and delete.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { createProfileShare, deleteProfile, deleteProfileShare, listProfileShares, listProfiles } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { ProfileSummary } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { date } from '../../format';
import { followLink, href, navigate } from '../../router';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { ShareModal } from '../lenses/ShareModal';

export function Profiles({ tab }: { tab: string }) {
  const active = tab === 'shared' ? 'shared' : 'owned';
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description="A profile records a workload's business context; a workload with a profile sees the questions that matter most to it first."
        actions={
          <Button variant="primary" href={href('profiles', 'new')} onFollow={followLink} data-testid="create-profile">
            Create profile
          </Button>
        }
      >
        Profiles
      </Header>
      <Tabs
        activeTabId={active}
        onChange={(e) => navigate(href('profiles') + '?tab=' + e.detail.activeTabId)}
        ariaLabel="Profiles by owner"
        tabs={[
          { id: 'owned', label: 'Owned by me', content: active === 'owned' && <ProfileTable key="owned" owner="SELF" /> },
          { id: 'shared', label: 'Shared with me', content: active === 'shared' && <ProfileTable key="shared" owner="SHARED" /> },
        ]}
      />
    </SpaceBetween>
  );
}

function ProfileTable({ owner }: { owner: 'SELF' | 'SHARED' }) {
  const list = useAsync(() => allPages((NextToken) => listProfiles({ ProfileOwnerType: owner, NextToken, MaxResults: 50 }), 'ProfileSummaries'), [owner]);
  const [selected, setSelected] = useState<ProfileSummary[]>([]);
  const [dialog, setDialog] = useState<'share' | 'delete'>();
  const flash = useFlash();
  const mine = owner === 'SELF';
  const one = selected[0];
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table
        data-testid={`profiles-${owner.toLowerCase()}`}
        header={
          <Header
            variant="h2"
            counter={list.data ? `(${list.data.length})` : undefined}
            actions={
              mine && (
                <SpaceBetween direction="horizontal" size="xs">
                  <Button disabled={!one} onClick={() => setDialog('delete')}>
                    Delete
                  </Button>
                  <Button disabled={!one} onClick={() => setDialog('share')}>
                    Share
                  </Button>
                  <Button disabled={!one} onClick={() => one && navigate(href('profiles', one.ProfileArn!, 'edit'))}>
                    Edit
                  </Button>
                </SpaceBetween>
              )
            }
          >
            {mine ? 'Owned by me' : 'Shared with me'}
          </Header>
        }
        loading={list.loading}
        loadingText="Loading profiles"
        wrapLines
        items={list.data ?? []}
        trackBy="ProfileArn"
        selectionType={mine ? 'single' : undefined}
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, p) => `Select ${p.ProfileName}`, selectionGroupLabel: 'Profile selection' }}
        empty={<Box textAlign="center">{mine ? 'You have no profile yet.' : 'No profile is shared with you.'}</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (p) => (
              <Link href={href('profiles', p.ProfileArn!)} onFollow={followLink}>
                {p.ProfileName}
              </Link>
            ),
          },
          { id: 'description', header: 'Description', cell: (p) => p.ProfileDescription || '-', maxWidth: 360 },
          { id: 'version', header: 'Version', cell: (p) => p.ProfileVersion || '-' },
          { id: 'owner', header: 'Owner', cell: (p) => p.Owner || '-' },
          { id: 'updated', header: 'Updated', cell: (p) => date(p.UpdatedAt) },
        ]}
      />
      {dialog === 'share' && one && (
        <ShareModal
          what="profile"
          name={one.ProfileName ?? ''}
          onClose={() => setDialog(undefined)}
          calls={{
            list: () => allPages((NextToken) => listProfileShares({ ProfileArn: one.ProfileArn!, NextToken, MaxResults: 50 }), 'ProfileShareSummaries'),
            create: (to) => createProfileShare({ ProfileArn: one.ProfileArn!, SharedWith: to }),
            remove: (id) => deleteProfileShare({ ProfileArn: one.ProfileArn!, ShareId: id }),
          }}
        />
      )}
      {dialog === 'delete' && one && (
        <ConfirmDelete
          what="profile"
          name={one.ProfileName ?? ''}
          consequence="removes it from your profiles; workloads that use it keep it but lose its prioritisation until they remove it."
          onDelete={() => deleteProfile({ ProfileArn: one.ProfileArn! })}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setDialog(undefined);
            setSelected([]);
            flash({ type: 'success', content: `Deleted ${one.ProfileName}.` });
            list.reload();
          }}
        />
      )}
    </>
  );
}
