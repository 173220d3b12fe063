// What answering a question means in the console, for workload reviews and
// review templates alike: the reasons a question or practice does not
// apply, "None of these" excluding the other choices, and saves that reach
// the server in the order they were made.
import { useEffect, useRef, useState } from 'react';
import type { ChoiceReason } from '../api/types';

export const reasons: { value: ChoiceReason; label: string }[] = [
  { value: 'OUT_OF_SCOPE', label: 'Out of scope' },
  { value: 'BUSINESS_PRIORITIES', label: 'Business priorities' },
  { value: 'ARCHITECTURE_CONSTRAINTS', label: 'Architecture constraints' },
  { value: 'OTHER', label: 'Other' },
  { value: 'NONE', label: 'None' },
];

/** NOTES_MAX is the API's limit on an answer's notes. */
export const NOTES_MAX = 2084;

/** isNone tells the "None of these" choice of a question. */
export function isNone(c: { ChoiceId: string; Title: string }): boolean {
  return c.Title === 'None of these' || c.ChoiceId.endsWith('_no');
}

/** toggleChoice returns the selection after checking or unchecking cid:
 * "None of these" excludes every other choice, and the other way round. */
export function toggleChoice(choices: { ChoiceId: string; Title: string }[], selected: string[], cid: string, on: boolean): string[] {
  const c = choices.find((x) => x.ChoiceId === cid) ?? { ChoiceId: cid, Title: '' };
  const sel = on ? [...selected, cid] : selected.filter((x) => x !== cid);
  if (!on) return sel;
  if (isNone(c)) return [cid];
  return sel.filter((x) => !isNone(choices.find((y) => y.ChoiceId === x) ?? { ChoiceId: x, Title: '' }));
}

/** useOrderedSaves sends each save after the one before it, so the server
 * sees changes in the order they were made; only the latest's outcome sets
 * saving and error. saveSoon waits for a pause in typing (notes). */
export function useOrderedSaves<T>(done: (r: T, latest: boolean) => void) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const seq = useRef(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const save = (request: () => Promise<T>) => {
    const n = ++seq.current;
    setSaving(true);
    chain.current = chain.current.then(request).then(
      (r) => {
        const latest = n === seq.current;
        if (latest) (setError(undefined), setSaving(false));
        done(r, latest);
      },
      (e) => n === seq.current && (setError(e), setSaving(false)),
    );
  };
  const saveSoon = (request: () => Promise<T>) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => save(request), 600);
  };
  return { save, saveSoon, saving, error };
}
