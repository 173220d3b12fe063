// One question of a review template: its best practices, "None of these",
// "Question does not apply" with a reason, the practices that don't apply,
// and notes; the question's and each practice's help open in the help
// panel. Every change is saved at once, in order (notes after a pause), as
// on the workload review page.
import { useEffect, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Textarea from '@cloudscape-design/components/textarea';
import Toggle from '@cloudscape-design/components/toggle';
import { getReviewTemplateAnswer, updateReviewTemplateAnswer } from '../../api/gen/ops';
import type { ChoiceReason, ReviewTemplateAnswer } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { choicesOf, draftOf, NOTES_MAX, reasons, toggleChoice, updateBody, type Draft } from '../../components/answering';
import { useOrderedSaves } from '../../components/saves';
import { NotApplicablePractices } from '../../components/NotApplicable';
import { InfoLink, WithInfo } from '../../help/Help';
import { HelpText } from '../../help/HelpText';
import { practiceTopic, questionTopic } from '../../help/lensHelp';


export function TemplateQuestion({
  arn,
  alias,
  qid,
  n,
  onSaved,
  footer,
}: {
  arn: string;
  alias: string;
  qid: string;
  n: number;
  onSaved: (a: ReviewTemplateAnswer) => void;
  footer: React.ReactNode;
}) {
  const loaded = useAsync(() => getReviewTemplateAnswer({ TemplateArn: arn, LensAlias: alias, QuestionId: qid }).then((r) => r.Answer), [arn, alias, qid]);
  const [answer, setAnswer] = useState<ReviewTemplateAnswer>();
  const [d, setD] = useState<Draft>();
  const saves = useOrderedSaves(
    (r: { Answer?: ReviewTemplateAnswer }, latest) => {
      if (!r.Answer) return;
      if (latest) setAnswer(r.Answer);
      onSaved(r.Answer);
    },
    `The answer to question ${n}`,
  );
  const { saving, error } = saves;
  useEffect(() => {
    const a = loaded.data;
    if (!a) return;
    setAnswer(a);
    setD(draftOf(a));
  }, [loaded.data]);

  const request = (next: Draft) => {
    const body = updateBody(answer, next);
    // keepalive, as UpdateAnswer: a save as the tab closes must arrive.
    return () => updateReviewTemplateAnswer({ TemplateArn: arn, LensAlias: alias, QuestionId: qid, ...body }, { keepalive: true });
  };
  const save = (next: Draft) => {
    setD(next);
    saves.save(request(next));
  };
  const saveSoon = (next: Draft) => {
    setD(next);
    saves.saveSoon(request(next));
  };

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
              <span aria-live="polite" data-testid="template-answer-status">
                <StatusIndicator type={answer.AnswerStatus === 'ANSWERED' ? 'success' : 'pending'}>{answer.AnswerStatus === 'ANSWERED' ? 'Answered' : 'Unanswered'}</StatusIndicator>
              </span>
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
        <Toggle checked={!d.applicable} onChange={(e) => save({ ...d, applicable: !e.detail.checked, reason: e.detail.checked ? d.reason ?? 'NONE' : undefined })}>
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
        <fieldset style={{ border: 0, padding: 0, margin: 0 }} disabled={!d.applicable} aria-label="Best practices">
          <SpaceBetween size="xs">
            {choices.map((c) => (
              <div key={c.ChoiceId} data-choice={c.ChoiceId}>
                <WithInfo topic={practiceTopic(c)} about={c.Title}>
                  <Checkbox
                    checked={d.selected.includes(c.ChoiceId) && !d.na[c.ChoiceId]}
                    disabled={!d.applicable || !!d.na[c.ChoiceId]}
                    onChange={(e) => toggle(c.ChoiceId, e.detail.checked)}
                    description={c.Description}
                  >
                    {c.Title}
                    {d.na[c.ChoiceId] && ' (does not apply)'}
                  </Checkbox>
                </WithInfo>
              </div>
            ))}
          </SpaceBetween>
        </fieldset>
        {d.applicable && (
          <NotApplicablePractices
            choices={choices}
            na={d.na}
            onChange={(na) => save({ ...d, na, selected: d.selected.filter((x) => !na[x]) })}
            onNotesChange={(na) => saveSoon({ ...d, na })}
          />
        )}
        <FormField label="Notes" constraintText={`${NOTES_MAX - d.notes.length} characters remaining`} errorText={d.notes.length > NOTES_MAX ? `Notes have at most ${NOTES_MAX} characters.` : undefined}>
          <Textarea value={d.notes} onChange={(e) => saveSoon({ ...d, notes: e.detail.value })} ariaLabel="Notes" rows={4} />
        </FormField>
      </SpaceBetween>
    </Container>
  );
}
