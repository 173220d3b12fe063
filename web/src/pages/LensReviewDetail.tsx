// A workload's lens review ("Lens details" in the AWS console): its risks
// per pillar and notes, and its improvement plan in the order the API gives
// it, filtered by pillar and risk, with each practice's steps written out.
import { useEffect, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import Textarea from '@cloudscape-design/components/textarea';
import { getLensReview, getWorkload, listAnswers, listLensReviewImprovements, updateLensReview } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { ImprovementSummary, LensReview } from '../api/gen/types';
import { ErrorAlert, RiskCount, RiskStatus, SafeLink, useAsync } from '../components/common';
import { ReportButton } from '../components/ReportButton';
import { ApplySuggestions } from '../components/ApplySuggestions';
import { JiraIssue } from '../components/jira';
import { SyncWithJira } from '../components/JiraSync';
import { answered, date, safeUrl, total } from '../format';
import { followLink, href, navigate } from '../router';
import { useFlash } from '../flash';
import { HelpText } from '../help/HelpText';

export function LensReviewDetail({ id, lens, tab, milestone }: { id: string; lens: string; tab: string; milestone?: number }) {
  const w = useAsync(() => getWorkload({ WorkloadId: id }).then((r) => r.Workload), [id]);
  const review = useAsync(() => getLensReview({ WorkloadId: id, LensAlias: lens, MilestoneNumber: milestone }).then((r) => r.LensReview), [id, lens, milestone]);
  const lr = review.data;
  const base = href('workloads', id, 'lens', lens);
  const q = (t: string) => base + '?tab=' + t + (milestone ? '&milestone=' + milestone : '');
  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          <BreadcrumbGroup
            onFollow={followLink}
            items={[
              { text: 'Workloads', href: '#/workloads' },
              { text: w.data?.WorkloadName ?? id, href: href('workloads', id) },
              { text: lr?.LensName ?? lens, href: base },
            ]}
          />
          <Header
            variant="h1"
            description={milestone ? `Milestone ${milestone} (read-only)` : lr ? `Version ${lr.LensVersion} · updated ${date(lr.UpdatedAt)}` : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                {lr && !milestone && <ApplySuggestions id={id} lens={lens} onApplied={review.reload} />}
                {lr && w.data && !milestone && <SyncWithJira w={w.data} lens={lens} onSynced={review.reload} />}
                {lr && <ReportButton workloadId={id} lens={lens} milestone={milestone} name={`${w.data?.WorkloadName ?? id}-${lr.LensName}`} />}
                {!milestone && (
                  <Button variant="primary" href={base + '/review'} onFollow={followLink}>
                    {answered(lr?.RiskCounts) > 0 ? 'Continue reviewing' : 'Start reviewing'}
                  </Button>
                )}
              </SpaceBetween>
            }
          >
            {lr?.LensName ?? ''}
          </Header>
        </SpaceBetween>
      }
    >
      <ErrorAlert error={review.error ?? w.error} />
      {lr && (
        <Tabs
          activeTabId={tab}
          onChange={(e) => navigate(q(e.detail.activeTabId))}
          tabs={[
            { id: 'overview', label: 'Overview', content: <LensOverview id={id} lens={lens} lr={lr} milestone={milestone} onSaved={review.reload} /> },
            { id: 'improvements', label: 'Improvement plan', content: <ImprovementPlan id={id} lens={lens} lr={lr} milestone={milestone} /> },
          ]}
        />
      )}
    </ContentLayout>
  );
}

function LensOverview({ id, lens, lr, milestone, onSaved }: { id: string; lens: string; lr: LensReview; milestone?: number; onSaved: () => void }) {
  const [notes, setNotes] = useState(lr.Notes ?? '');
  const [error, setError] = useState<unknown>();
  const flash = useFlash();
  useEffect(() => setNotes(lr.Notes ?? ''), [lr.Notes]);
  const save = async () => {
    try {
      await updateLensReview({ WorkloadId: id, LensAlias: lens, LensNotes: notes });
      flash({ type: 'success', content: 'Lens notes saved.' });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const rc = lr.RiskCounts;
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">Lens overview</Header>}>
        <ColumnLayout columns={4} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">Questions answered</Box>
            <Box data-testid="lens-answered">
              {answered(rc)}/{total(rc)}
            </Box>
          </div>
          <div>
            <Box variant="awsui-key-label">High risks</Box>
            <Box data-testid="lens-high">{rc?.HIGH ?? 0}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Medium risks</Box>
            <Box data-testid="lens-medium">{rc?.MEDIUM ?? 0}</Box>
          </div>
          <div>
            <Box variant="awsui-key-label">Lens status</Box>
            <Box>{lr.LensStatus}</Box>
          </div>
        </ColumnLayout>
      </Container>
      <Table
        header={<Header variant="h2">Pillars</Header>}
        items={lr.PillarReviewSummaries ?? []}
        columnDefinitions={[
          {
            id: 'pillar',
            header: 'Pillar',
            cell: (p) =>
              milestone ? (
                p.PillarName
              ) : (
                <Link href={href('workloads', id, 'lens', lens, 'review') + '?pillar=' + encodeURIComponent(p.PillarId ?? '')} onFollow={followLink}>
                  {p.PillarName}
                </Link>
              ),
          },
          { id: 'answered', header: 'Questions answered', cell: (p) => `${answered(p.RiskCounts)}/${total(p.RiskCounts)}` },
          { id: 'high', header: 'High risks', cell: (p) => <RiskCount n={p.RiskCounts?.HIGH} risk="HIGH" /> },
          { id: 'medium', header: 'Medium risks', cell: (p) => <RiskCount n={p.RiskCounts?.MEDIUM} risk="MEDIUM" /> },
        ]}
      />
      <Container
        header={
          <Header
            variant="h2"
            actions={
              !milestone && (
                <Button onClick={save} disabled={notes === (lr.Notes ?? '') || notes.length > 2084}>
                  Save notes
                </Button>
              )
            }
          >
            Lens notes
          </Header>
        }
      >
        <ErrorAlert error={error} />
        {milestone ? (
          <Box>{lr.Notes || 'No notes.'}</Box>
        ) : (
          <FormField constraintText={`${2084 - notes.length} characters remaining`} label="Notes">
            <Textarea value={notes} onChange={(e) => setNotes(e.detail.value)} ariaLabel="Lens notes" />
          </FormField>
        )}
      </Container>
    </SpaceBetween>
  );
}

function ImprovementPlan({ id, lens, lr, milestone }: { id: string; lens: string; lr: LensReview; milestone?: number }) {
  const items = useAsync(
    () =>
      allPages(
        (NextToken) => listLensReviewImprovements({ WorkloadId: id, LensAlias: lens, MilestoneNumber: milestone, NextToken, MaxResults: 100 }),
        'ImprovementSummaries',
      ),
    [id, lens, milestone, lr.UpdatedAt],
  );
  // ListLensReviewImprovements names a practice by its id only; the answers
  // carry the titles a reader knows it by.
  const titles = useAsync(
    () =>
      allPages((NextToken) => listAnswers({ WorkloadId: id, LensAlias: lens, MilestoneNumber: milestone, NextToken, MaxResults: 50 }), 'AnswerSummaries').then(
        (as) => new Map(as.flatMap((a) => (a.Choices ?? []).map((c) => [a.QuestionId + '/' + c.ChoiceId, c.Title] as const))),
      ),
    [id, lens, milestone],
  );
  const pillarOptions = [{ value: '', label: 'All pillars' }, ...(lr.PillarReviewSummaries ?? []).map((p) => ({ value: p.PillarId, label: p.PillarName }))];
  const riskOptions = [
    { value: '', label: 'High and medium' },
    { value: 'HIGH', label: 'High risks' },
    { value: 'MEDIUM', label: 'Medium risks' },
  ];
  const [pillar, setPillar] = useState('');
  const [risk, setRisk] = useState('');
  const pillarName = Object.fromEntries((lr.PillarReviewSummaries ?? []).map((p) => [p.PillarId, p.PillarName]));
  const shown = (items.data ?? []).filter((i) => (!pillar || i.PillarId === pillar) && (!risk || i.Risk === risk));
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={items.error} />
      <Table
        data-testid="improvement-plan"
        header={
          <Header variant="h2" counter={`(${shown.length})`} description="Questions with high or medium risk, in the order to work on them.">
            Improvement items
          </Header>
        }
        filter={
          <SpaceBetween direction="horizontal" size="s">
            <Select selectedOption={pillarOptions.find((o) => o.value === pillar)!} onChange={(e) => setPillar(e.detail.selectedOption.value ?? '')} options={pillarOptions} ariaLabel="Filter by pillar" />
            <Select selectedOption={riskOptions.find((o) => o.value === risk)!} onChange={(e) => setRisk(e.detail.selectedOption.value ?? '')} options={riskOptions} ariaLabel="Filter by risk" />
          </SpaceBetween>
        }
        loading={items.loading}
        items={shown}
        wrapLines
        // A row is as tall as its practices' steps: its question stays at the top, by its first practice.
        cellVerticalAlign="top"
        empty={<Box textAlign="center">No improvement items: no question has a high or medium risk.</Box>}
        columnDefinitions={[
          {
            id: 'question',
            header: 'Question',
            cell: (i) =>
              milestone ? (
                i.QuestionTitle
              ) : (
                <Link href={href('workloads', id, 'lens', lens, 'review', i.QuestionId!)} onFollow={followLink}>
                  {i.QuestionTitle}
                </Link>
              ),
          },
          { id: 'pillar', header: 'Pillar', cell: (i) => pillarName[i.PillarId ?? ''] ?? i.PillarId },
          { id: 'risk', header: 'Risk', cell: (i) => <RiskStatus risk={i.Risk} /> },
          // Only once a sync has put a question in Jira: an empty column otherwise.
          ...(shown.some((i) => i.JiraConfiguration?.JiraIssueUrl)
            ? [{ id: 'jira', header: 'Jira issue', cell: (i: ImprovementSummary) => <JiraIssue c={i.JiraConfiguration} testId={'jira-' + i.QuestionId} /> }]
            : []),
          {
            id: 'plans',
            header: 'Best practices to improve',
            cell: (i) => (
              <SpaceBetween size="s">
                {(i.ImprovementPlans ?? []).map((p) => (
                  <div key={p.ChoiceId} data-plan={p.ChoiceId}>
                    <Box fontWeight="bold">{titles.data?.get(i.QuestionId + '/' + p.ChoiceId) ?? p.ChoiceId}</Box>
                    <HelpText text={p.DisplayText} compact />
                    {safeUrl(p.ImprovementPlanUrl) && <SafeLink url={p.ImprovementPlanUrl}>Learn more</SafeLink>}
                  </div>
                ))}
              </SpaceBetween>
            ),
          },
        ]}
      />
    </SpaceBetween>
  );
}
