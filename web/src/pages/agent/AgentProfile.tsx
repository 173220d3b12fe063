// An agent profile: its details and what it still lacks, its generations
// (polled until they end) and its recommendations.
import { useEffect, useMemo, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import {
  getAgentProfile,
  getAgentRecommendationGeneration,
  listAgentRecommendationGenerations,
  listAgentRecommendations,
  startAgentRecommendationGeneration,
} from '../../api/gen/ops';
import type { AgentRecommendationGenerationSummary, AgentRecommendationSummary, GenerationStatus } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { followLink, href } from '../../router';
import { everyItem, levelLabel, pillarLabel, pillars, statusLabel, when } from './common';

const rank: Record<string, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

function GenerationStatusView({ s }: { s: GenerationStatus }) {
  const t = { COMPLETED: 'success', ERROR: 'error', IN_PROGRESS: 'in-progress', QUEUED: 'pending' } as const;
  const words = { COMPLETED: 'Completed', ERROR: 'Error', IN_PROGRESS: 'In progress', QUEUED: 'Queued' };
  return <StatusIndicator type={t[s] ?? 'info'}>{words[s] ?? s}</StatusIndicator>;
}

export function AgentProfile({ arn }: { arn: string }) {
  const profile = useAsync(() => getAgentProfile({ profileArn: arn }), [arn]);
  const gens = useAsync(() => everyItem((nextToken) => listAgentRecommendationGenerations({ profileArn: arn, nextToken })), [arn]);
  const recs = useAsync(() => everyItem((nextToken) => listAgentRecommendations({ profileArn: arn, nextToken, maxResults: 100 })), [arn]);
  const [live, setLive] = useState<Record<string, AgentRecommendationGenerationSummary>>({});
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>();
  const flash = useFlash();

  const generations = useMemo(() => (gens.data ?? []).map((g) => live[g.id] ?? g), [gens.data, live]);
  const pending = generations.filter((g) => g.status === 'QUEUED' || g.status === 'IN_PROGRESS').map((g) => g.id);
  const pendingKey = pending.join(',');

  // Every 2 s, ask each generation still running how it stands; when one
  // ends, the recommendations are read again.
  useEffect(() => {
    if (!pendingKey) return;
    const t = setInterval(async () => {
      for (const id of pendingKey.split(',')) {
        try {
          const g = await getAgentRecommendationGeneration({ profileArn: arn, generationId: id });
          setLive((l) => ({ ...l, [id]: g }));
          if (g.status === 'COMPLETED') recs.reload();
          if (g.status === 'ERROR') flash({ type: 'error', content: `Generation failed: ${g.errorDetails?.message ?? g.errorDetails?.code ?? 'unknown error'}` });
        } catch {
          // The next tick asks again.
        }
      }
    }, 2000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pendingKey, arn]);

  const generate = async () => {
    const p = profile.data;
    if (!p) return;
    setStarting(true);
    setStartError(undefined);
    try {
      await startAgentRecommendationGeneration({ profileArn: arn, scope: { pillars: p.pillars }, types: ['ARCHITECTURE'] });
      gens.reload();
    } catch (e) {
      setStartError(e);
    } finally {
      setStarting(false);
    }
  };

  const p = profile.data;
  const fieldErrors = Object.entries(p?.fieldErrors ?? {});
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={profile.error} />
      <Header
        variant="h1"
        actions={
          <Button variant="primary" loading={starting} disabled={!p} onClick={() => void generate()}>
            Generate recommendations
          </Button>
        }
      >
        {p ? p.displayName || p.name : 'Agent profile'}
      </Header>
      <ErrorAlert error={startError} header="The generation was not started" />
      {p && (
        <Container header={<Header variant="h2">Details</Header>}>
          <ColumnLayout columns={3} variant="text-grid">
            <div>
              <Box variant="awsui-key-label">Name</Box>
              <div>{p.name}</div>
              <Box variant="awsui-key-label">Description</Box>
              <div>{p.description || '-'}</div>
              <Box variant="awsui-key-label">Business overview</Box>
              <div style={{ whiteSpace: 'pre-wrap' }}>{p.businessOverview || '-'}</div>
            </div>
            <div>
              <Box variant="awsui-key-label">Pillars</Box>
              <div>{p.pillars.map((x) => pillarLabel[x] ?? x).join(', ') || '-'}</div>
              <Box variant="awsui-key-label">Aggregation configuration</Box>
              <div>
                {p.aggregationConfiguration.length === 0
                  ? '-'
                  : p.aggregationConfiguration.map((a, i) => (
                      <div key={i}>
                        {a.accountId || '(no account)'}: {a.regions.join(', ') || '(no Regions)'}
                      </div>
                    ))}
              </div>
              <Box variant="awsui-key-label">Execution role ARN</Box>
              <div>{p.executionRoleArn || '-'}</div>
            </div>
            <div>
              <Box variant="awsui-key-label">Eligible for generation</Box>
              <div>{p.eligibleForArchitectureGeneration ? 'Yes' : 'No'}</div>
              <Box variant="awsui-key-label">Deletion protection</Box>
              <div>{p.deletionProtection ? 'On' : 'Off'}</div>
              <Box variant="awsui-key-label">Created</Box>
              <div>{when(p.createdAt)}</div>
            </div>
          </ColumnLayout>
          {fieldErrors.length > 0 && (
            <Box margin={{ top: 'm' }}>
              <Box variant="awsui-key-label">What the profile still lacks</Box>
              <ul data-testid="agent-field-errors">
                {fieldErrors.map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </ul>
            </Box>
          )}
        </Container>
      )}
      <Table
        data-testid="agent-generations-table"
        header={<Header variant="h2" counter={`(${generations.length})`}>Generations</Header>}
        loading={gens.loading && !gens.data}
        loadingText="Loading generations"
        items={generations}
        trackBy="id"
        empty={<Box textAlign="center">No generations yet.</Box>}
        columnDefinitions={[
          { id: 'id', header: 'Generation', cell: (g) => g.name || g.id },
          { id: 'status', header: 'Status', cell: (g) => <GenerationStatusView s={g.status} /> },
          { id: 'created', header: 'Started', cell: (g) => when(g.createdAt) },
          { id: 'modified', header: 'Last changed', cell: (g) => when(g.lastModifiedAt) },
        ]}
      />
      {gens.error ? <ErrorAlert error={gens.error} /> : null}
      <Recommendations items={recs.data ?? []} loading={recs.loading && !recs.data} error={recs.error} />
    </SpaceBetween>
  );
}

const anyOption = { value: '', label: 'Any' };

function Recommendations({ items, loading, error }: { items: AgentRecommendationSummary[]; loading: boolean; error: unknown }) {
  const [pillar, setPillar] = useState('');
  const [status, setStatus] = useState('');
  const [descending, setDescending] = useState(true);
  const shown = useMemo(() => {
    const out = items.filter((r) => (!pillar || r.pillar === pillar) && (!status || r.status === status));
    out.sort((a, b) => ((rank[a.priority] ?? 0) - (rank[b.priority] ?? 0)) * (descending ? -1 : 1) || a.title.localeCompare(b.title));
    return out;
  }, [items, pillar, status, descending]);
  const pillarOptions = [anyOption, ...pillars.map((p) => ({ value: p, label: pillarLabel[p] }))];
  const statusOptions = [anyOption, ...Object.entries(statusLabel).map(([value, label]) => ({ value, label }))];
  return (
    <SpaceBetween size="s">
      {error ? <ErrorAlert error={error} /> : null}
      <Table
        data-testid="agent-recommendations-table"
        header={<Header variant="h2" counter={`(${shown.length})`}>Recommendations</Header>}
        loading={loading}
        loadingText="Loading recommendations"
        items={shown}
        trackBy="recommendationArn"
        sortingColumn={{ sortingField: 'priority' }}
        sortingDescending={descending}
        onSortingChange={(e) => setDescending(e.detail.isDescending ?? false)}
        filter={
          <SpaceBetween direction="horizontal" size="s">
            <Select
              selectedOption={pillarOptions.find((o) => o.value === pillar) ?? anyOption}
              options={pillarOptions}
              onChange={(e) => setPillar(e.detail.selectedOption.value ?? '')}
              inlineLabelText="Pillar"
              ariaLabel="Filter by pillar"
            />
            <Select
              selectedOption={statusOptions.find((o) => o.value === status) ?? anyOption}
              options={statusOptions}
              onChange={(e) => setStatus(e.detail.selectedOption.value ?? '')}
              inlineLabelText="Status"
              ariaLabel="Filter by status"
            />
          </SpaceBetween>
        }
        empty={<Box textAlign="center">{items.length ? 'No recommendation matches the filters.' : 'No recommendations yet: generate them.'}</Box>}
        columnDefinitions={[
          { id: 'pillar', header: 'Pillar', cell: (r) => pillarLabel[r.pillar] ?? r.pillar },
          {
            id: 'title',
            header: 'Title',
            cell: (r) => (
              <Link href={href('agent-recommendations', r.recommendationArn)} onFollow={followLink}>
                {r.title}
              </Link>
            ),
          },
          { id: 'impact', header: 'Impact', cell: (r) => levelLabel[r.impact] ?? r.impact },
          { id: 'effort', header: 'Effort', cell: (r) => levelLabel[r.effort] ?? r.effort },
          { id: 'priority', header: 'Priority', sortingField: 'priority', cell: (r) => levelLabel[r.priority] ?? r.priority },
          { id: 'status', header: 'Status', cell: (r) => statusLabel[r.status] ?? r.status },
        ]}
      />
    </SpaceBetween>
  );
}

