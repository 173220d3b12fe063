// Notifications: the lens reviews of workloads (and review templates) whose
// lens has a newer major version or was deprecated. For an upgrade, what
// changed per pillar between the version in use and the latest, and an
// upgrade that first saves a milestone of the workload as it was.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { getLensVersionDifference, listLenses, listNotifications, upgradeLensReview, upgradeReviewTemplateLensReview } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { NotificationSummary } from '../api/gen/types';
import { ErrorAlert, useAsync } from '../components/common';
import { useFlash } from '../flash';
import { ActionModal } from '../components/ActionModal';
import { followLink, href } from '../router';
import { VersionDiff } from './lenses/VersionDiff';

type Upgrade = NonNullable<NotificationSummary['LensUpgradeSummary']>;
const keyOf = (n: NotificationSummary) => `${n.Type}|${n.LensUpgradeSummary?.ResourceArn ?? n.LensUpgradeSummary?.WorkloadId}|${n.LensUpgradeSummary?.LensAlias}`;

function TypeText({ type }: { type?: string }) {
  if (type === 'LENS_VERSION_UPGRADED') return <StatusIndicator type="info">Upgrade available</StatusIndicator>;
  if (type === 'LENS_VERSION_DEPRECATED') return <StatusIndicator type="warning">Lens version deprecated</StatusIndicator>;
  return <>{type ?? '-'}</>;
}

function Resource({ u }: { u: Upgrade }) {
  if (u.WorkloadId)
    return (
      <Link href={href('workloads', u.WorkloadId)} onFollow={followLink}>
        {u.WorkloadName ?? u.WorkloadId}
      </Link>
    );
  if (u.ResourceArn)
    return (
      <Link href={href('templates', u.ResourceArn)} onFollow={followLink}>
        {u.ResourceName ?? u.ResourceArn}
      </Link>
    );
  return <>-</>;
}

export function Notifications() {
  const list = useAsync(() => allPages((NextToken) => listNotifications({ NextToken, MaxResults: 50 }), 'NotificationSummaries'), []);
  // Notifications name lenses by alias (an ARN for custom lenses): show their names.
  const lenses = useAsync(() => allPages((NextToken) => listLenses({ NextToken, MaxResults: 50 }), 'LensSummaries'), []);
  const lensName = (alias: string) => lenses.data?.find((l) => l.LensAlias === alias || l.LensArn === alias)?.LensName ?? alias;
  const [selected, setSelected] = useState<NotificationSummary[]>([]);
  const one = selected[0];
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={list.error} />
      <Table
        data-testid="notifications"
        header={
          <Header variant="h1" counter={list.data ? `(${list.data.length})` : undefined} description="Lens reviews whose lens has a new major version, or a version that was deprecated.">
            Notifications
          </Header>
        }
        loading={list.loading}
        loadingText="Loading notifications"
        wrapLines
        items={list.data ?? []}
        trackBy={keyOf}
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, n) => `Select ${n.LensUpgradeSummary?.WorkloadName ?? n.LensUpgradeSummary?.ResourceName ?? 'notification'}`, selectionGroupLabel: 'Notification selection' }}
        empty={<Box textAlign="center">No notifications: every lens review uses its lens's latest version.</Box>}
        columnDefinitions={[
          { id: 'type', header: 'Notification', cell: (n) => <TypeText type={n.Type} /> },
          { id: 'resource', header: 'Workload or template', cell: (n) => (n.LensUpgradeSummary ? <Resource u={n.LensUpgradeSummary} /> : '-') },
          {
            id: 'lens',
            header: 'Lens',
            cell: (n) =>
              n.LensUpgradeSummary?.LensAlias ? (
                <Link href={href('lenses', n.LensUpgradeSummary.LensAlias)} onFollow={followLink}>
                  {lensName(n.LensUpgradeSummary.LensAlias)}
                </Link>
              ) : (
                '-'
              ),
          },
          { id: 'current', header: 'Version in use', cell: (n) => n.LensUpgradeSummary?.CurrentLensVersion ?? '-' },
          { id: 'latest', header: 'Latest version', cell: (n) => n.LensUpgradeSummary?.LatestLensVersion ?? '-' },
        ]}
      />
      {one?.LensUpgradeSummary && <UpgradeDetails key={keyOf(one)} n={one} onUpgraded={() => (setSelected([]), list.reload())} />}
      {!one && (list.data?.length ?? 0) > 0 && <Box color="text-body-secondary">Select a notification to see what changed and upgrade.</Box>}
    </SpaceBetween>
  );
}

function UpgradeDetails({ n, onUpgraded }: { n: NotificationSummary; onUpgraded: () => void }) {
  const u = n.LensUpgradeSummary!;
  const alias = u.LensAlias ?? u.LensArn ?? '';
  const upgradable = n.Type === 'LENS_VERSION_UPGRADED';
  const diff = useAsync(
    () => (upgradable ? getLensVersionDifference({ LensAlias: alias, BaseLensVersion: u.CurrentLensVersion, TargetLensVersion: u.LatestLensVersion }) : Promise.resolve(null)),
    [alias, u.CurrentLensVersion, u.LatestLensVersion, upgradable],
  );
  const [asking, setAsking] = useState(false);
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={upgradable ? `From version ${u.CurrentLensVersion} to ${u.LatestLensVersion}.` : 'The version in use was deprecated by the lens owner.'}
          actions={
            upgradable && (
              <Button variant="primary" onClick={() => setAsking(true)} data-testid="upgrade">
                Upgrade
              </Button>
            )
          }
        >
          What changed
        </Header>
      }
    >
      <ErrorAlert error={diff.error} header="The versions could not be compared" />
      {diff.loading && <Box>Comparing the versions…</Box>}
      {diff.data && <VersionDiff pillars={diff.data.VersionDifferences?.PillarDifferences ?? []} />}
      {!upgradable && <Box>There is no newer version to upgrade to. The review keeps its answers on the deprecated version.</Box>}
      {asking && <UpgradeModal u={u} alias={alias} onClose={() => setAsking(false)} onUpgraded={onUpgraded} />}
    </Container>
  );
}

function UpgradeModal({ u, alias, onClose, onUpgraded }: { u: Upgrade; alias: string; onClose: () => void; onUpgraded: () => void }) {
  const workload = !!u.WorkloadId;
  const [name, setName] = useState(`Before upgrading to ${u.LatestLensVersion ?? 'the latest version'}`.slice(0, 100));
  const flash = useFlash();
  const nameError = workload && (name.trim().length < 3 || name.length > 100) ? 'A milestone name has 3 to 100 characters.' : undefined;
  return (
    <ActionModal
      header={`Upgrade to version ${u.LatestLensVersion}`}
      action="Upgrade"
      disabled={!!nameError}
      testId="upgrade-submit"
      onClose={onClose}
      run={async () => {
        if (workload) await upgradeLensReview({ WorkloadId: u.WorkloadId!, LensAlias: alias, MilestoneName: name.trim() });
        else await upgradeReviewTemplateLensReview({ TemplateArn: u.ResourceArn ?? '', LensAlias: alias });
        flash({ type: 'success', content: `Upgraded ${u.WorkloadName ?? u.ResourceName ?? ''} to version ${u.LatestLensVersion}.` });
        onUpgraded();
      }}
    >
      {workload ? (
        <>
          <Box variant="p">
            Before the upgrade, a milestone saves the workload as it is now. Answers to questions that remain carry over; new
            questions start unanswered.
          </Box>
          <FormField label="Milestone name" errorText={nameError} constraintText="3 to 100 characters.">
            <Input value={name} onChange={(e) => setName(e.detail.value)} ariaLabel="Milestone name" />
          </FormField>
        </>
      ) : (
        <Box variant="p">The template's answers to questions that remain carry over; new questions start unanswered.</Box>
      )}
    </ActionModal>
  );
}
