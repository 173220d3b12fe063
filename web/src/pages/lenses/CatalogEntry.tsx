// One entry of the lens catalog: what it is, where its document comes from
// and under which licence, the repairs made to it and why, a preview of its
// pillars and questions; installing it, and applying the installed lens to
// a workload. Every text is the catalog's: rendered as text, the source's
// link only through SafeLink.
import { useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { associateLenses, getLensCatalogEntry, installLensCatalogEntry, listWorkloads } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { GetLensCatalogEntryOutput, InstallLensCatalogEntryOutput } from '../../api/gen/types';
import { ErrorAlert, SafeLink, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { InfoLink } from '../../help/Help';
import { usePageHelp } from '../../help/context';
import { catalogHelp } from '../../help/catalogHelp';
import { followLink, href } from '../../router';
import { InstallStatusText, pillarNames } from './catalogDisplay';

export function CatalogEntry({ id }: { id: string }) {
  usePageHelp(catalogHelp);
  const entry = useAsync(() => getLensCatalogEntry({ EntryId: id }), [id]);
  const [installing, setInstalling] = useState(false);
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  const e = entry.data;

  const install = async () => {
    setError(undefined);
    setInstalling(true);
    try {
      const r = await installLensCatalogEntry({ EntryId: id });
      flash(installedMessage(e?.Title ?? id, e?.LensName, r));
      entry.reload();
    } catch (err) {
      setError(err);
    } finally {
      setInstalling(false);
    }
  };

  return (
    <SpaceBetween size="l">
      <BreadcrumbGroup
        items={[
          { text: 'Lens catalog', href: '#/lens-catalog' },
          { text: e?.Title ?? id, href: href('lens-catalog', id) },
        ]}
        onFollow={followLink}
        ariaLabel="Breadcrumbs"
      />
      <ErrorAlert error={entry.error} header="The catalog entry could not be read" />
      <Header
        variant="h1"
        info={<InfoLink topic={catalogHelp} about="the lens catalog" />}
        description={e?.Description}
        actions={e && <InstallButton entry={e} busy={installing} onInstall={install} />}
      >
        {e?.Title ?? 'Catalog entry'}
      </Header>
      <ErrorAlert error={error} header="The lens could not be installed" />
      {e && (
        <>
          <Container header={<Header variant="h2">Lens details</Header>}>
            <KeyValuePairs
              columns={3}
              items={[
                { label: 'Status', value: <InstallStatusText status={e.InstallStatus} installed={e.InstalledVersion} /> },
                { label: 'Version', value: e.Version ?? '-' },
                { label: 'Installed version', value: e.InstalledVersion ?? '-' },
                { label: 'Lens name', value: e.LensName ?? '-' },
                { label: 'Categories', value: (e.Categories ?? []).join(', ') || '-' },
                { label: 'Framework pillars', value: pillarNames(e.FrameworkPillars) || 'Its own pillars only' },
                { label: 'Questions', value: e.QuestionCount ?? '-' },
                { label: 'Catalog', value: e.CatalogName ?? '-' },
              ]}
            />
          </Container>
          {e.InstalledLensArn && <ApplyToWorkload lensArn={e.InstalledLensArn} lensName={e.LensName ?? e.Title ?? ''} />}
          <Source entry={e} />
          <Repairs entry={e} />
          <Preview entry={e} />
        </>
      )}
    </SpaceBetween>
  );
}

function InstallButton({ entry, busy, onInstall }: { entry: GetLensCatalogEntryOutput; busy: boolean; onInstall: () => void }) {
  if (entry.InstallStatus === 'INSTALLED') {
    return (
      <Button disabled data-testid="install-entry" disabledReason={`Version ${entry.Version} is installed.`}>
        Installed
      </Button>
    );
  }
  const upgrade = entry.InstallStatus === 'UPGRADE_AVAILABLE';
  return (
    <Button variant="primary" data-testid="install-entry" loading={busy} onClick={onInstall}>
      {upgrade ? `Upgrade to version ${entry.Version}` : 'Install'}
    </Button>
  );
}

function installedMessage(title: string, lensName: string | undefined, r: InstallLensCatalogEntryOutput) {
  const lens = lensName ? ` as the custom lens "${lensName}"` : '';
  switch (r.Status) {
    case 'UPGRADED':
      return { type: 'success' as const, content: `Upgraded ${title} from version ${r.PreviousVersion ?? '-'} to version ${r.LensVersion}. Workloads move to it when they upgrade their review.` };
    case 'UNCHANGED':
      return { type: 'info' as const, content: `${title} is installed at version ${r.LensVersion} already: nothing changed.` };
    default:
      return { type: 'success' as const, content: `Installed ${title}${lens}, version ${r.LensVersion}. Apply it to a workload to review with it.` };
  }
}

/** ApplyToWorkload adds the installed lens to one of the account's
 * workloads and then leads to that workload's review of it. */
function ApplyToWorkload({ lensArn, lensName }: { lensArn: string; lensName: string }) {
  const workloads = useAsync(() => allPages((NextToken) => listWorkloads({ NextToken, MaxResults: 50 }), 'WorkloadSummaries'), []);
  const [chosen, setChosen] = useState<SelectProps.Option | null>(null);
  const [applied, setApplied] = useState<{ id: string; name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  const options = (workloads.data ?? []).map((w) => ({
    value: w.WorkloadId ?? '',
    label: w.WorkloadName ?? w.WorkloadId ?? '',
    // Applying again is harmless, but saying so spares a pointless click.
    description: (w.Lenses ?? []).includes(lensArn) ? 'Already reviewed with this lens' : undefined,
  }));

  const apply = async () => {
    if (!chosen?.value) return;
    setError(undefined);
    setBusy(true);
    try {
      await associateLenses({ WorkloadId: chosen.value, LensAliases: [lensArn] });
      const w = { id: chosen.value, name: chosen.label ?? chosen.value };
      setApplied(w);
      flash({ type: 'success', content: `Applied ${lensName} to ${w.name}.` });
      workloads.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container
      data-testid="apply-to-workload"
      header={<Header variant="h2" description="Review a workload against the installed lens: it gets its own review, risks and improvement plan.">Apply to a workload</Header>}
    >
      <SpaceBetween size="m">
        <ErrorAlert error={workloads.error ?? error} />
        <SpaceBetween direction="horizontal" size="xs" alignItems="end">
          <FormField label="Workload">
            <div style={{ minWidth: 280 }}>
              <Select
                data-testid="apply-workload"
                selectedOption={chosen}
                onChange={(ev) => setChosen(ev.detail.selectedOption)}
                options={options}
                placeholder="Choose a workload"
                statusType={workloads.loading ? 'loading' : 'finished'}
                loadingText="Loading workloads"
                empty="No workload yet. Define one first."
                filteringType="auto"
              />
            </div>
          </FormField>
          <Button data-testid="apply-lens" disabled={!chosen} loading={busy} onClick={apply}>
            Apply lens
          </Button>
        </SpaceBetween>
        {applied && (
          <Box>
            <Link href={href('workloads', applied.id, 'lens', lensArn, 'review')} onFollow={followLink} data-testid="open-review">
              Review {applied.name} with {lensName}
            </Link>
          </Box>
        )}
      </SpaceBetween>
    </Container>
  );
}

/** repositoryUrl is the address of the document in its repository, for a
 * repository named owner/name (the catalog's are on GitHub). */
function repositoryUrl(s: NonNullable<GetLensCatalogEntryOutput['Source']>): string | undefined {
  if (!s.Repository || !/^[\w.-]+\/[\w.-]+$/.test(s.Repository)) return undefined;
  const base = 'https://github.com/' + s.Repository;
  return s.Commit && s.Path ? `${base}/blob/${encodeURIComponent(s.Commit)}/${s.Path.split('/').map(encodeURIComponent).join('/')}` : base;
}

function Source({ entry }: { entry: GetLensCatalogEntryOutput }) {
  const s = entry.Source ?? {};
  return (
    <Container data-testid="catalog-source" header={<Header variant="h2">Source and licence</Header>}>
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Licence', value: s.License ?? '-' },
          { label: 'Repository', value: s.Repository ? <SafeLink url={repositoryUrl(s)}>{s.Repository}</SafeLink> : 'Not published in a public repository' },
          { label: 'Commit', value: s.Commit ? <code>{s.Commit}</code> : '-' },
          { label: 'Path', value: s.Path ?? s.File ?? '-' },
          { label: 'Upstream version', value: s.UpstreamVersion ?? '-' },
          { label: 'SHA-256 as published', value: s.Sha256 ? <code style={{ wordBreak: 'break-all' }}>{s.Sha256}</code> : '-' },
        ]}
      />
    </Container>
  );
}

function Repairs({ entry }: { entry: GetLensCatalogEntryOutput }) {
  const repairs = entry.Repairs ?? [];
  return (
    <Table
      data-testid="catalog-repairs"
      variant="container"
      header={
        <Header variant="h2" counter={`(${repairs.length})`} description="Changes made to the published document so that it passes the lens format.">
          Repairs
        </Header>
      }
      items={repairs}
      wrapLines
      empty={<Box textAlign="center">None: the document passes the lens format as published.</Box>}
      columnDefinitions={[
        { id: 'path', header: 'Where', cell: (r) => <code>{r.Path}</code>, maxWidth: 240 },
        { id: 'what', header: 'What', cell: (r) => r.What ?? '-', maxWidth: 320 },
        { id: 'why', header: 'Why', cell: (r) => r.Why ?? '-' },
      ]}
    />
  );
}

function Preview({ entry }: { entry: GetLensCatalogEntryOutput }) {
  const pillars = entry.Pillars ?? [];
  const questions = entry.Questions ?? [];
  return (
    <Container header={<Header variant="h2" counter={`(${pillars.length} pillars, ${questions.length} questions)`}>Pillars and questions</Header>}>
      <SpaceBetween size="m" data-testid="catalog-preview">
        {pillars.map((p) => {
          const own = questions.filter((q) => q.PillarId === p.PillarId);
          const framework = pillarNames(p.FrameworkPillars);
          return (
            <ExpandableSection
              key={p.PillarId}
              variant="container"
              headerText={`${p.PillarName} (${p.QuestionCount ?? own.length})`}
              headerDescription={framework ? `Framework pillar: ${framework}` : 'A pillar of the lens\'s own'}
            >
              <ol style={{ paddingLeft: 20, margin: 0 }}>
                {own.map((q) => (
                  <li key={q.QuestionId}>{q.Title}</li>
                ))}
              </ol>
            </ExpandableSection>
          );
        })}
      </SpaceBetween>
    </Container>
  );
}
