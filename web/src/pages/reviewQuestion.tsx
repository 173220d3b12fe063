// One question of a review: its best practices, "None of these", "Question
// does not apply", the practices that don't apply with a reason, notes, and
// the scan evidence beside each practice; the question's and each practice's
// Info open their help in the help panel. Every change is saved at once.
import { useEffect, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import Toggle from '@cloudscape-design/components/toggle';
import { applySuggestedAnswers, getAnswer, updateAnswer } from '../api/gen/ops';
import type { Answer, ChoiceReason, SuggestedAnswer } from '../api/gen/types';
import { EvidenceDetails, EvidenceMark } from '../components/Evidence';
import { JiraIssue } from '../components/jira';
import { ErrorAlert, RiskStatus, useAsync } from '../components/common';
import { choicesOf, draftOf, NOTES_MAX, reasons, toggleChoice, updateBody, type Draft } from '../components/answering';
import { useOrderedSaves } from '../components/saves';
import { NotApplicablePractices } from '../components/NotApplicable';
import { InfoLink, WithInfo } from '../help/Help';
import { HelpText } from '../help/HelpText';
import { practiceTopic, questionTopic } from '../help/lensHelp';



/** suggestionPending tells whether applying the scan's suggestion would
 * still change the answer as it is now. */
function suggestionPending(s: SuggestedAnswer, d: Draft): boolean {
  if (s.SkipReason) return false;
  const adds = (s.SuggestedChoices ?? []).some((c) => !d.selected.includes(c) && !d.na[c]);
  return adds || (!!s.ChangesNotes && s.SuggestedNotes !== undefined && s.SuggestedNotes !== d.notes);
}


export function Question({
  id,
  lens,
  qid,
  n,
  onRisk,
  onAnswer,
  footer,
  suggestion,
  lensArn,
}: {
  id: string;
  lens: string;
  qid: string;
  n: number;
  onRisk: (a: Answer) => void;
  onAnswer: (a: Answer) => void;
  footer: React.ReactNode;
  suggestion?: SuggestedAnswer;
  lensArn?: string;
}) {
  const loaded = useAsync(() => getAnswer({ WorkloadId: id, LensAlias: lens, QuestionId: qid }).then((r) => r.Answer), [id, lens, qid]);
  const [answer, setAnswer] = useState<Answer>();
  const [d, setD] = useState<Draft>();
  const saves = useOrderedSaves(
    (r: { Answer?: Answer }, latest) => {
      if (!r.Answer) return;
      if (latest) setAnswer(r.Answer);
      onRisk(r.Answer);
    },
    `The answer to question ${n}`,
  );

  useEffect(() => {
    if (loaded.data) {
      setAnswer(loaded.data);
      onAnswer(loaded.data);
      setD(draftOf(loaded.data));
    }
  }, [loaded.data]);

  const request = (next: Draft) => {
    const body = updateBody(answer, next);
    // keepalive: an answer saved as the tab closes must still arrive; its
    // body (notes of at most 2084 characters) is far below the limit.
    return () => updateAnswer({ WorkloadId: id, LensAlias: lens, QuestionId: qid, ...body }, { keepalive: true });
  };
  const save = (next: Draft) => {
    setD(next);
    saves.save(request(next));
  };
  const saveNotesSoon = (next: Draft) => {
    setD(next);
    saves.saveSoon(request(next));
  };
  const { saving, error } = saves;

  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!answer || !d) return <Container>Loading question…</Container>;
  const choices = choicesOf(answer);
  const toggle = (cid: string, on: boolean) => save({ ...d, selected: toggleChoice(choices, d.selected, cid, on) });

  return (
    <Container
      header={
        <Header
          variant="h2"
          info={
            <SpaceBetween direction="horizontal" size="xs" alignItems="center">
              <InfoLink topic={questionTopic(answer)} about={`question ${n}`} />
              <span data-testid="question-risk" aria-live="polite">
                <RiskStatus risk={answer.Risk} />
              </span>
              <JiraIssue c={answer.JiraConfiguration} testId="question-jira" />
            </SpaceBetween>
          }
        >
          {n}. {answer.QuestionTitle}
        </Header>
      }
      footer={
        <SpaceBetween size="s">
          <Box float="right">{footer}</Box>
          <Box variant="small" color={error && !saving ? 'text-status-error' : 'text-status-inactive'} data-testid="save-status">
            {saving ? 'Saving…' : error ? 'The last change was not saved: see the error above.' : 'Changes are saved as you make them.'}
          </Box>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        {/* Not the header's description, which is one paragraph: a lens's
            description may have lines and lists of its own. */}
        {answer.QuestionDescription && (
          <Box color="text-body-secondary" data-testid="question-description">
            <HelpText text={answer.QuestionDescription} compact />
          </Box>
        )}
        <ErrorAlert error={error} header="The answer was not saved" />
        <Toggle
          checked={!d.applicable}
          onChange={(e) => save({ ...d, applicable: !e.detail.checked, reason: e.detail.checked ? d.reason ?? 'NONE' : undefined })}
          data-testid="question-not-applicable"
        >
          Question does not apply to this workload
        </Toggle>
        {!d.applicable && (
          <FormField label="Reason">
            <Select
              selectedOption={reasons.find((r) => r.value === (d.reason ?? 'NONE'))!}
              onChange={(e) => save({ ...d, reason: e.detail.selectedOption.value as ChoiceReason })}
              options={reasons}
              ariaLabel="Reason the question does not apply"
            />
          </FormField>
        )}
        {suggestion && suggestionPending(suggestion, d) && d.applicable && (
          <Alert
            type="info"
            header="Scan evidence suggests an answer"
            action={
              <Button
                data-testid="apply-suggestion"
                onClick={() =>
                  // The server decides what applying means (ApplySuggestedAnswers),
                  // in turn with the saves before it; the draft is then the answer.
                  saves.save(() =>
                    applySuggestedAnswers({ WorkloadId: id, LensAlias: lens, QuestionIds: [qid] })
                      .then(() => getAnswer({ WorkloadId: id, LensAlias: lens, QuestionId: qid }))
                      .then((r) => (setD(draftOf(r.Answer ?? {})), r)),
                  )
                }
              >
                Apply suggestion
              </Button>
            }
          >
            {(suggestion.SuggestedChoices ?? []).filter((c) => !d.selected.includes(c)).length > 0 &&
              'Select: ' +
                (suggestion.SuggestedChoices ?? []).filter((c) => !d.selected.includes(c))
                  .map((c) => choices.find((x) => x.ChoiceId === c)?.Title ?? c)
                  .join('; ') +
                '. '}
            {suggestion.ChangesNotes && 'Add the failing resources to the notes. '}
            Risk after applying: {suggestion.SuggestedRisk ? <RiskStatus risk={suggestion.SuggestedRisk} /> : '-'}
          </Alert>
        )}
        <fieldset style={{ border: 0, padding: 0, margin: 0 }} disabled={!d.applicable} aria-label="Best practices">
          <SpaceBetween size="xs">
            {choices.map((c) => (
              <div key={c.ChoiceId}>
                <WithInfo topic={practiceTopic(c)} about={c.Title}>
                  <Checkbox
                    checked={d.selected.includes(c.ChoiceId) && !d.na[c.ChoiceId]}
                    disabled={!d.applicable || !!d.na[c.ChoiceId]}
                    onChange={(e) => toggle(c.ChoiceId, e.detail.checked)}
                    description={c.Description}
                    data-choice={c.ChoiceId}
                  >
                    {c.Title}
                    {d.na[c.ChoiceId] && ' (does not apply)'}
                  </Checkbox>
                </WithInfo>
                {suggestion && lensArn && (suggestion.PassingChoices?.includes(c.ChoiceId) || suggestion.FailingChoices?.includes(c.ChoiceId)) && (
                  <div style={{ marginLeft: 24 }} data-evidence={c.ChoiceId}>
                    <EvidenceMark s={suggestion} choiceId={c.ChoiceId} />
                    <EvidenceDetails workloadId={id} lensArn={lensArn} pillarId={answer.PillarId ?? ''} questionId={qid} choiceId={c.ChoiceId} />
                  </div>
                )}
              </div>
            ))}
          </SpaceBetween>
        </fieldset>
        {d.applicable && (
          <NotApplicablePractices
            choices={choices}
            na={d.na}
            onChange={(na) => save({ ...d, na, selected: d.selected.filter((x) => !na[x]) })}
            onNotesChange={(na) => saveNotesSoon({ ...d, na })}
          />
        )}
        <FormField label="Notes" constraintText={`${NOTES_MAX - d.notes.length} characters remaining`} errorText={d.notes.length > NOTES_MAX ? 'Notes have at most 2084 characters.' : undefined}>
          <Textarea value={d.notes} onChange={(e) => saveNotesSoon({ ...d, notes: e.detail.value })} ariaLabel="Notes" rows={4} />
        </FormField>
      </SpaceBetween>
    </Container>
  );
}
