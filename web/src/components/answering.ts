// What answering a question means in the console, for workload reviews and
// review templates alike: the reasons a question or practice does not
// apply, "None of these" excluding the other choices, and the body that
// saves an answer (saves.ts sends them).
import type { Choice, ChoiceAnswer, ChoiceReason, ChoiceStatus } from '../api/gen/types';

export const reasons: { value: ChoiceReason; label: string }[] = [
  { value: 'OUT_OF_SCOPE', label: 'Out of scope' },
  { value: 'BUSINESS_PRIORITIES', label: 'Business priorities' },
  { value: 'ARCHITECTURE_CONSTRAINTS', label: 'Architecture constraints' },
  { value: 'OTHER', label: 'Other' },
  { value: 'NONE', label: 'None' },
];

/** NOTES_MAX and CHOICE_NOTES_MAX are the API's limits on an answer's
 * notes and on the details of a practice that does not apply. */
export const NOTES_MAX = 2084;
export const CHOICE_NOTES_MAX = 250;

/** AnswerChoice is a Choice as the API sends it within an answer: with its
 * id and title, which the model leaves optional. */
export type AnswerChoice = Choice & { ChoiceId: string; Title: string };

/** choicesOf returns an answer's choices, typed as the API sends them, so
 * that the pages need not check every id. */
export function choicesOf(a: { Choices?: Choice[] }): AnswerChoice[] {
  return (a.Choices ?? []) as AnswerChoice[];
}

/** isNone tells the "None of these" choice of a question. */
export function isNone(c: Choice): boolean {
  return c.Title === 'None of these' || !!c.ChoiceId?.endsWith('_no');
}

/** toggleChoice returns the selection after checking or unchecking cid:
 * "None of these" excludes every other choice, and the other way round. */
export function toggleChoice(choices: Choice[], selected: string[], cid: string, on: boolean): string[] {
  const c = choices.find((x) => x.ChoiceId === cid) ?? { ChoiceId: cid, Title: '' };
  const sel = on ? [...selected, cid] : selected.filter((x) => x !== cid);
  if (!on) return sel;
  if (isNone(c)) return [cid];
  return sel.filter((x) => !isNone(choices.find((y) => y.ChoiceId === x) ?? { ChoiceId: x, Title: '' }));
}

/** NotApplicable is, by choice id, the practices marked as not applying. */
export type NotApplicable = Record<string, { Reason?: ChoiceReason; Notes?: string }>;

/** notApplicableOf reads the practices an answer marks as not applying. */
export function notApplicableOf(answers?: ChoiceAnswer[]): NotApplicable {
  const na: NotApplicable = {};
  for (const c of answers ?? []) if (c.Status === 'NOT_APPLICABLE' && c.ChoiceId) na[c.ChoiceId] = { Reason: c.Reason, Notes: c.Notes };
  return na;
}

/** choiceUpdates is what UpdateAnswer needs to make na so: each practice
 * marked, and each no longer marked that was (before) set back. */
export function choiceUpdates(choices: Choice[], na: NotApplicable, before?: ChoiceAnswer[]) {
  const updates: Record<string, { Status: ChoiceStatus; Reason?: ChoiceReason; Notes?: string }> = {};
  for (const { ChoiceId: id } of choices) {
    if (!id) continue;
    const x = na[id];
    if (x) updates[id] = { Status: 'NOT_APPLICABLE', Reason: x.Reason ?? 'NONE', Notes: x.Notes || undefined };
    else if (before?.some((b) => b.ChoiceId === id && b.Status === 'NOT_APPLICABLE')) updates[id] = { Status: 'UNSELECTED' };
  }
  return Object.keys(updates).length ? updates : undefined;
}

/** Draft is an answer as it is being edited. */
export interface Draft {
  selected: string[];
  na: NotApplicable;
  notes: string;
  applicable: boolean;
  reason?: ChoiceReason;
}

/** An answer as GetAnswer and GetReviewTemplateAnswer return it. */
interface Answered {
  Choices?: Choice[];
  SelectedChoices?: string[];
  ChoiceAnswers?: ChoiceAnswer[];
  Notes?: string;
  IsApplicable?: boolean;
  Reason?: ChoiceReason;
}

/** draftOf is the draft of a stored answer. */
export function draftOf(a: Answered): Draft {
  return { selected: a.SelectedChoices ?? [], na: notApplicableOf(a.ChoiceAnswers), notes: a.Notes ?? '', applicable: a.IsApplicable !== false, reason: a.Reason };
}

/** updateBody is the UpdateAnswer (or UpdateReviewTemplateAnswer) body that
 * turns the stored answer into next. */
export function updateBody(stored: Answered | undefined, next: Draft) {
  return {
    SelectedChoices: next.selected.filter((c) => !next.na[c]),
    ChoiceUpdates: choiceUpdates(stored?.Choices ?? [], next.na, stored?.ChoiceAnswers),
    Notes: next.notes,
    IsApplicable: next.applicable,
    Reason: next.applicable ? undefined : next.reason ?? 'NONE',
  };
}
