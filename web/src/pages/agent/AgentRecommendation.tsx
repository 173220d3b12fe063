// One recommendation of the Agent: what it says, its steps and links, the
// resources it concerns, its status and the reader's feedback.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Textarea from '@cloudscape-design/components/textarea';
import { getAgentRecommendation, listAgentRecommendationItems, putAgentRecommendationFeedback, updateAgentRecommendationStatus } from '../../api/gen/ops';
import type { FeedbackCategory, RecommendationFeedbackType, RecommendationStatus } from '../../api/gen/types';
import { ErrorAlert, SafeLink, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { followLink, href } from '../../router';
import { levelLabel, pillarLabel, statusLabel } from './common';
import { useTokenPages } from './paging';

interface ItemMetadata {
  resourceName?: string;
  resourceType?: string;
  file?: string;
  line?: number;
  workload?: string;
  checkTitle?: string;
}

const categories: { value: FeedbackCategory | ''; label: string }[] = [
  { value: '', label: 'No category' },
  { value: 'RECOMMENDATION_INCORRECT', label: 'The recommendation is incorrect' },
  { value: 'RECOMMENDATION_NOT_RELEVANT', label: 'The recommendation is not relevant' },
  { value: 'RESOURCE_NOT_IMPORTANT', label: 'The resource is not important' },
  { value: 'RESOURCE_TYPE_NOT_IMPORTANT', label: 'The resource type is not important' },
  { value: 'OTHER', label: 'Other' },
];

export function AgentRecommendation({ arn }: { arn: string }) {
  const rec = useAsync(() => getAgentRecommendation({ recommendationArn: arn }), [arn]);
  // A recommendation may cite thousands of resources: a page of them at a time.
  const items = useTokenPages((nextToken) => listAgentRecommendationItems({ recommendationArn: arn, nextToken, maxResults: 50 }), [arn], 'items');
  const [busy, setBusy] = useState<RecommendationStatus>();
  const [statusError, setStatusError] = useState<unknown>();
  const flash = useFlash();
  const r = rec.data;

  const setStatus = async (status: RecommendationStatus) => {
    setBusy(status);
    setStatusError(undefined);
    try {
      await updateAgentRecommendationStatus({ recommendationArn: arn, status });
      flash({ type: 'success', content: `Status set to ${statusLabel[status]}.` });
      rec.reload();
    } catch (e) {
      setStatusError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const steps = r ? (r.remediations ?? []).flatMap((m) => m.steps) : [];
  const summarySteps = r?.remediationSummary?.steps ?? [];
  const links = r ? (r.remediations ?? []).flatMap((m) => m.resourceLinks ?? []) : [];

  return (
    <SpaceBetween size="l">
      <ErrorAlert error={rec.error} />
      {r && (
        <>
          <Header
            variant="h1"
            description={
              <Link href={href('agent', r.profileArn)} onFollow={followLink}>
                Back to the profile
              </Link>
            }
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                {(['ACTIVE', 'COMPLETED', 'SUPPRESSED'] as RecommendationStatus[]).map((s) => (
                  <Button key={s} disabled={r.status === s} loading={busy === s} onClick={() => void setStatus(s)}>
                    {s === 'ACTIVE' ? 'Mark active' : s === 'COMPLETED' ? 'Mark completed' : 'Suppress'}
                  </Button>
                ))}
              </SpaceBetween>
            }
          >
            {r.title}
          </Header>
          <ErrorAlert error={statusError} header="The status was not changed" />
          <Container header={<Header variant="h2">Overview</Header>}>
            <SpaceBetween size="m">
              <ColumnLayout columns={4} variant="text-grid">
                <div>
                  <Box variant="awsui-key-label">Pillar</Box>
                  <div>{pillarLabel[r.pillar] ?? r.pillar}</div>
                </div>
                <div>
                  <Box variant="awsui-key-label">Impact / effort</Box>
                  <div>
                    {levelLabel[r.impact] ?? r.impact} / {levelLabel[r.effort] ?? r.effort}
                  </div>
                </div>
                <div>
                  <Box variant="awsui-key-label">Priority</Box>
                  <div>{levelLabel[r.priority] ?? r.priority}</div>
                </div>
                <div>
                  <Box variant="awsui-key-label">Status</Box>
                  <div data-testid="agent-recommendation-status">{statusLabel[r.status] ?? r.status}</div>
                </div>
              </ColumnLayout>
              {r.sources?.includes('WELL_ARCHITECTED_AGENT') && (
                <Box data-testid="agent-model-text" color="text-status-info" fontSize="body-s">
                  Written by the language model wat is configured with, from this recommendation's practice and findings; the
                  engine's own text is used whenever the model fails.
                </Box>
              )}
              <div style={{ whiteSpace: 'pre-wrap' }}>{r.description}</div>
              {r.roi && (
                <Box data-testid="agent-roi">
                  <b>Return: {r.roi.estimate ? (levelLabel[r.roi.estimate] ?? r.roi.estimate) : 'not estimated'}.</b> {r.roi.detail}
                </Box>
              )}
              {r.tradeOffs && r.tradeOffs.length > 0 && (
                <ul data-testid="agent-trade-offs">
                  {r.tradeOffs.map((t, i) => (
                    <li key={i}>
                      <b>Trade-off ({pillarLabel[t.pillar] ?? t.pillar}, {levelLabel[t.risk] ?? t.risk} risk): {t.title}.</b> {t.description} —
                      mitigation: {t.mitigation}
                    </li>
                  ))}
                </ul>
              )}
              {r.highlights?.length > 0 && (
                <ul>
                  {r.highlights.map((h, i) => (
                    <li key={i}>{h}</li>
                  ))}
                </ul>
              )}
            </SpaceBetween>
          </Container>
          <Container header={<Header variant="h2">Remediation steps</Header>}>
            <SpaceBetween size="s">
              {r.remediationSummary?.recommendation && <div>{r.remediationSummary.recommendation}</div>}
              {steps.length > 0 ? (
                <ol data-testid="agent-steps">
                  {steps.map((s, i) => (
                    <li key={i}>
                      {s.title && <b>{s.title}: </b>}
                      <span style={{ whiteSpace: 'pre-wrap' }}>{s.content}</span>
                    </li>
                  ))}
                </ol>
              ) : summarySteps.length > 0 ? (
                <ol data-testid="agent-steps">
                  {summarySteps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              ) : (
                <Box color="text-status-inactive">No steps given.</Box>
              )}
              {links.length > 0 && (
                <ul>
                  {links.map((l, i) => (
                    <li key={i}>
                      <SafeLink url={l.url}>{l.title || l.url}</SafeLink>
                    </li>
                  ))}
                </ul>
              )}
            </SpaceBetween>
          </Container>
        </>
      )}
      <Table
        data-testid="agent-items-table"
        header={<Header variant="h2" counter={r?.numberOfResources !== undefined ? `(${r.numberOfResources})` : undefined}>Affected items</Header>}
        loading={items.loading && items.items.length === 0}
        loadingText="Loading items"
        items={items.items}
        pagination={items.pagination}
        trackBy="id"
        empty={<Box textAlign="center">No resources listed.</Box>}
        columnDefinitions={[
          { id: 'resource', header: 'Resource', cell: (it) => meta(it.metadata).resourceName || meta(it.metadata).workload || '-' },
          { id: 'type', header: 'Type', cell: (it) => meta(it.metadata).resourceType || it.type },
          {
            id: 'where',
            header: 'Where',
            cell: (it) => {
              const m = meta(it.metadata);
              return m.file ? (m.line ? `${m.file}:${m.line}` : m.file) : '-';
            },
          },
          { id: 'check', header: 'Check', cell: (it) => meta(it.metadata).checkTitle || '-' },
        ]}
      />
      {items.error ? <ErrorAlert error={items.error} /> : null}
      {r && <Feedback arn={arn} />}
    </SpaceBetween>
  );
}

function meta(m: unknown): ItemMetadata {
  return m && typeof m === 'object' ? (m as ItemMetadata) : {};
}

function Feedback({ arn }: { arn: string }) {
  const [type, setType] = useState<RecommendationFeedbackType>('USEFUL');
  const [category, setCategory] = useState<FeedbackCategory | ''>('');
  const [comments, setComments] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const send = async () => {
    setBusy(true);
    setError(undefined);
    setSent(false);
    try {
      await putAgentRecommendationFeedback({ recommendationArn: arn, type, feedbackCategory: category || undefined, comments: comments.trim() || undefined });
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void send())}>
      <Form
        actions={
          <Button variant="primary" formAction="submit" loading={busy}>
            Send feedback
          </Button>
        }
      >
        <Container header={<Header variant="h2">Feedback</Header>}>
          <SpaceBetween size="m">
            <FormField label="Was this recommendation useful?">
              <RadioGroup
                value={type}
                onChange={(e) => setType(e.detail.value as RecommendationFeedbackType)}
                items={[
                  { value: 'USEFUL', label: 'Useful' },
                  { value: 'NOT_USEFUL', label: 'Not useful' },
                ]}
              />
            </FormField>
            <FormField label="Category">
              <Select
                selectedOption={categories.find((c) => c.value === category) ?? categories[0]}
                options={categories}
                onChange={(e) => setCategory((e.detail.selectedOption.value ?? '') as FeedbackCategory | '')}
                ariaLabel="Feedback category"
              />
            </FormField>
            <FormField label={<span>Comments <i>- optional</i></span>}>
              <Textarea value={comments} onChange={(e) => setComments(e.detail.value)} ariaLabel="Comments" />
            </FormField>
            <ErrorAlert error={error} header="The feedback was not sent" />
            {sent && <Box color="text-status-success">Thank you: your feedback was saved.</Box>}
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}
