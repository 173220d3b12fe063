// An agent profile: its details and what it still lacks (edited on its own
// page), its goals and application contexts, its generations (started from
// the "Start generation" dialog, shown a page at a time, polled until they
// end) and its recommendations.
import { useEffect, useMemo, useRef, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import {
  getAgentProfile,
  getAgentRecommendationGeneration,
  listAgentRecommendationGenerations,
  listAgentRecommendations,
} from '../../api/gen/ops';
import type { AgentRecommendationGenerationSummary, GenerationStatus } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { followLink, href } from '../../router';
import { AgentContexts } from './AgentContexts';
import { AgentGoals } from './AgentGoals';
import { AgentRecommendations } from './AgentRecommendations';
import { everyItem, pillarLabel, when } from './common';
import { useTokenPages } from './paging';
import { StartGeneration } from './StartGeneration';

/** generationPageSize is how many generations a page shows. */
export const generationPageSize = 10;

function GenerationStatusView({ s }: { s: GenerationStatus }) {
  const t = { COMPLETED: 'success', ERROR: 'error', IN_PROGRESS: 'in-progress', QUEUED: 'pending' } as const;
  const words = { COMPLETED: 'Completed', ERROR: 'Error', IN_PROGRESS: 'In progress', QUEUED: 'Queued' };
  return <StatusIndicator type={t[s] ?? 'info'}>{words[s] ?? s}</StatusIndicator>;
}

export function AgentProfile({ arn }: { arn: string }) {
  const profile = useAsync(() => getAgentProfile({ profileArn: arn }), [arn]);
  const gens = useTokenPages((nextToken) => listAgentRecommendationGenerations({ profileArn: arn, nextToken, maxResults: generationPageSize }), [arn], 'generations');
  const recs = useAsync(() => everyItem((nextToken) => listAgentRecommendations({ profileArn: arn, nextToken, maxResults: 100 })), [arn]);
  const [live, setLive] = useState<Record<string, AgentRecommendationGenerationSummary>>({});
  const [starting, setStarting] = useState(false);
  const flash = useFlash();

  const generations = useMemo(() => gens.items.map((g) => live[g.id] ?? g), [gens.items, live]);
  const pending = generations.filter((g) => g.status === 'QUEUED' || g.status === 'IN_PROGRESS').map((g) => g.id);
  const pendingKey = pending.join(',');

  // The recommendations are read again whenever a generation is seen
  // completed that was not before, whether the poll below saw it or the list
  // itself did (a generation can complete before the list is first read
  // after it started, and then is never polled).
  const completedKey = generations.filter((g) => g.status === 'COMPLETED').map((g) => g.id).join(',');
  const completedSeen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (gens.loading) return;
    if (completedSeen.current !== undefined && completedSeen.current !== completedKey) recs.reload();
    completedSeen.current = completedKey;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [completedKey, gens.loading]);

  // Every 2 s, ask each generation still running how it stands.
  useEffect(() => {
    if (!pendingKey) return;
    const t = setInterval(async () => {
      for (const id of pendingKey.split(',')) {
        try {
          const g = await getAgentRecommendationGeneration({ profileArn: arn, generationId: id });
          setLive((l) => ({ ...l, [id]: g }));
          if (g.status === 'ERROR') flash({ type: 'error', content: `Generation failed: ${g.errorDetails?.message ?? g.errorDetails?.code ?? 'unknown error'}` });
        } catch {
          // The next tick asks again.
        }
      }
    }, 2000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pendingKey, arn]);

  const p = profile.data;
  const fieldErrors = Object.entries(p?.fieldErrors ?? {});
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={profile.error} />
      <Header
        variant="h1"
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button href={href('agent', arn, 'edit')} onFollow={followLink} disabled={!p}>
              Edit profile
            </Button>
            <Button variant="primary" disabled={!p} onClick={() => setStarting(true)}>
              Start generation
            </Button>
          </SpaceBetween>
        }
      >
        {p ? p.displayName || p.name : 'Agent profile'}
      </Header>
      {p && (
        <StartGeneration
          profile={p}
          visible={starting}
          onClose={() => setStarting(false)}
          onStarted={() => {
            setStarting(false);
            flash({ type: 'success', content: 'The generation was started.' });
            gens.reload();
          }}
        />
      )}
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
        header={<Header variant="h2" description="Each generation is followed until it ends.">Generations</Header>}
        loading={gens.loading && gens.items.length === 0}
        pagination={gens.pagination}
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
      <AgentRecommendations items={recs.data ?? []} loading={recs.loading && !recs.data} error={recs.error} />
      {p && <AgentGoals profileArn={arn} />}
      {p && <AgentContexts profileArn={arn} />}
    </SpaceBetween>
  );
}
