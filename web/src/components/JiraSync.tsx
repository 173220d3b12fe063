// "Sync with Jira" on a workload and on a lens review: a dialog choosing the
// pillars and questions of a lens review the sync covers (saved with
// UpdateLensReview's JiraConfiguration.SelectedPillars), then
// UpdateIntegration. Shown only when the account is connected to Jira;
// disabled, saying why, when the workload's issue management is off. The
// sync's outcome is a flash message, in the API's own words when it fails.
import { useEffect, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { getGlobalSettings, getLensReview, listAnswers, listLensReviews, updateIntegration, updateLensReview } from '../api/gen/ops';
import { allPages } from '../api/paginate';
import type { AnswerSummary, SelectedPillar, Workload } from '../api/gen/types';
import { useFlash } from '../flash';
import { errorText } from '../format';
import { ActionModal } from './ActionModal';
import { ErrorAlert, useAsync } from './common';
import { resolveJira } from './jira';

/** initialSelection reads a review's saved selection: none saved covers
 * every question; a pillar listed without questions covers all of its. */
function initialSelection(answers: AnswerSummary[], saved?: SelectedPillar[]): Set<string> {
  if (!saved) return new Set(answers.map((a) => a.QuestionId!));
  const byPillar = new Map(saved.map((p) => [p.PillarId, p.SelectedQuestionIds ?? []]));
  return new Set(
    answers
      .filter((a) => {
        const qs = byPillar.get(a.PillarId);
        return qs !== undefined && (qs.length === 0 || qs.includes(a.QuestionId!));
      })
      .map((a) => a.QuestionId!),
  );
}

/** SyncWithJira is the button and its dialog: for one lens review when
 * lens is given, else for a lens review of the workload chosen in it. */
export function SyncWithJira({ w, lens, onSynced }: { w: Workload; lens?: string; onSynced: () => void }) {
  const account = useAsync(() => getGlobalSettings().then((r) => r.JiraConfiguration), []);
  const [open, setOpen] = useState(false);
  if (account.data?.IntegrationStatus !== 'CONFIGURED') return null;
  const plan = resolveJira(account.data, w.JiraConfiguration);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={!plan.enabled}
        disabledReason={`Jira issue management is disabled ${plan.inherited ? "in the account's settings" : "in the workload's settings"}.`}
        data-testid="sync-jira"
      >
        Sync with Jira
      </Button>
      {open && <SyncModal w={w} fixedLens={lens} projectKey={plan.projectKey} onClose={() => setOpen(false)} onSynced={onSynced} />}
    </>
  );
}

function SyncModal({ w, fixedLens, projectKey, onClose, onSynced }: { w: Workload; fixedLens?: string; projectKey: string; onClose: () => void; onSynced: () => void }) {
  const id = w.WorkloadId!;
  const flash = useFlash();
  const reviews = useAsync(
    () => (fixedLens ? Promise.resolve([]) : allPages((NextToken) => listLensReviews({ WorkloadId: id, NextToken, MaxResults: 50 }), 'LensReviewSummaries')),
    [id, fixedLens],
  );
  const [picked, setPicked] = useState<string>();
  const lens = fixedLens ?? picked ?? reviews.data?.[0]?.LensAlias ?? reviews.data?.[0]?.LensArn;
  const review = useAsync(() => (lens ? getLensReview({ WorkloadId: id, LensAlias: lens }).then((r) => r.LensReview) : Promise.resolve(undefined)), [id, lens]);
  const answers = useAsync(
    () => (lens ? allPages((NextToken) => listAnswers({ WorkloadId: id, LensAlias: lens, NextToken, MaxResults: 50 }), 'AnswerSummaries') : Promise.resolve(undefined)),
    [id, lens],
  );
  const [chosen, setChosen] = useState<Set<string>>();
  useEffect(() => {
    setChosen(answers.data && review.data ? initialSelection(answers.data, review.data.JiraConfiguration?.SelectedPillars) : undefined);
  }, [answers.data, review.data]);
  const all = answers.data ?? [];
  const sel = chosen ?? new Set<string>();
  const pillars = (review.data?.PillarReviewSummaries ?? []).map((p) => ({ ...p, questions: all.filter((a) => a.PillarId === p.PillarId) }));
  const set = (ids: string[], on: boolean) => {
    const next = new Set(sel);
    ids.forEach((q) => (on ? next.add(q) : next.delete(q)));
    setChosen(next);
  };

  const run = async () => {
    const SelectedPillars = pillars
      .map((p) => ({ PillarId: p.PillarId, SelectedQuestionIds: p.questions.filter((q) => sel.has(q.QuestionId!)).map((q) => q.QuestionId!) }))
      .filter((p) => p.SelectedQuestionIds.length > 0);
    // A refused selection stays in the dialog, with the fields the API names.
    await updateLensReview({ WorkloadId: id, LensAlias: lens!, JiraConfiguration: { SelectedPillars } });
    try {
      await updateIntegration({ WorkloadId: id, IntegratingService: 'JIRA' });
      flash({ type: 'success', content: `Synced ${w.WorkloadName} with Jira (project ${projectKey}).` });
    } catch (e) {
      flash({ type: 'error', header: `${w.WorkloadName} was not synced with Jira`, content: errorText(e) });
    }
    onClose();
    onSynced();
  };

  const lensOptions = (reviews.data ?? []).map((r) => ({ value: r.LensAlias || r.LensArn || '', label: r.LensName }));
  return (
    <ActionModal header="Sync with Jira" action="Sync" disabled={!chosen || sel.size === 0 || answers.loading || review.loading} run={run} onClose={onClose} testId="confirm-sync-jira">
      <Box>
        Choose the questions to keep in Jira project {projectKey}. Each chosen question at high or medium risk becomes a Task under the workload's
        Epic, with a Sub-task per best practice still to put in place; practices completed in Jira are selected here.
        {(w.Lenses?.length ?? 0) > 1 && " The workload's other lenses sync with the questions chosen for them."}
      </Box>
      {lensOptions.length > 1 && (
        <FormField label="Lens">
          <Select
            selectedOption={lensOptions.find((o) => o.value === lens) ?? null}
            onChange={(e) => setPicked(e.detail.selectedOption.value)}
            options={lensOptions}
            ariaLabel="Lens to choose questions of"
          />
        </FormField>
      )}
      {(answers.loading || review.loading || reviews.loading) && <Box>Loading the questions…</Box>}
      <ErrorAlert error={answers.error ?? review.error ?? reviews.error} header="The questions could not be read" />
      {chosen && (
        <Box variant="small" data-testid="jira-selected-count">
          {sel.size} of {all.length} questions selected
        </Box>
      )}
      <SpaceBetween size="xs">
        {pillars.map((p) => {
          const ids = p.questions.map((q) => q.QuestionId!);
          const n = ids.filter((q) => sel.has(q)).length;
          return (
            <div key={p.PillarId} data-jira-pillar={p.PillarId}>
              <Checkbox checked={n > 0 && n === ids.length} indeterminate={n > 0 && n < ids.length} onChange={(e) => set(ids, e.detail.checked)}>
                {p.PillarName} ({n}/{ids.length})
              </Checkbox>
              <div style={{ marginLeft: 24 }}>
                <ExpandableSection headerText="Questions" variant="footer">
                  <SpaceBetween size="xxs">
                    {p.questions.map((q) => (
                      <Checkbox key={q.QuestionId} checked={sel.has(q.QuestionId!)} onChange={(e) => set([q.QuestionId!], e.detail.checked)} data-jira-question={q.QuestionId}>
                        {q.QuestionTitle}
                      </Checkbox>
                    ))}
                  </SpaceBetween>
                </ExpandableSection>
              </div>
            </div>
          );
        })}
      </SpaceBetween>
    </ActionModal>
  );
}
