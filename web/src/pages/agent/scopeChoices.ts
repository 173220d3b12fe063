// What a generation's scope may be narrowed to: the workloads of a profile
// (those ListWorkloads shows whose accounts and Regions the profile's
// aggregation configuration selects) and the framework's questions and best
// practices of a pillar, read from the framework review of one of them.
import { useCallback, useRef, useState } from 'react';
import { getWorkload, listAnswers, listWorkloads } from '../../api/gen/ops';
import type { AggregationConfiguration, Pillar, WorkloadSummary } from '../../api/gen/types';

/** frameworkPillar is the framework lens's pillar id of each Agent pillar. */
export const frameworkPillar: Record<Pillar, string> = {
  OPERATIONAL_EXCELLENCE: 'operationalExcellence',
  SECURITY: 'security',
  RESILIENCE: 'reliability',
  PERFORMANCE: 'performance',
  COST_OPTIMIZATION: 'costOptimization',
};

/** The framework lens's alias. */
export const frameworkLens = 'wellarchitected';

/** detailLimit is how many workloads are read one by one to learn their
 * accounts and Regions; past it, every workload listed is offered and the
 * API refuses those outside the profile's scope. */
const detailLimit = 100;

/** A workload the scope may be narrowed to. */
export interface ScopeWorkload {
  id: string;
  name: string;
  framework: boolean; // it has a framework review
}

/** selects reports whether the aggregation configuration takes a workload
 * of those accounts and Regions, as the server decides it. */
export function selects(conf: AggregationConfiguration[], accounts: string[], regions: string[]): boolean {
  return conf.some((c) => c.accountId && accounts.includes(c.accountId) && regions.some((r) => c.regions.includes(r)));
}

/** profileWorkloads lists the workloads of the profile's scope. */
export async function profileWorkloads(conf: AggregationConfiguration[]): Promise<{ workloads: ScopeWorkload[]; filtered: boolean }> {
  const all: WorkloadSummary[] = [];
  let token: string | undefined;
  do {
    const page = await listWorkloads({ MaxResults: 50, NextToken: token });
    all.push(...(page.WorkloadSummaries ?? []));
    token = page.NextToken;
  } while (token && all.length < 1000);
  const of = (w: WorkloadSummary): ScopeWorkload => ({ id: w.WorkloadId ?? '', name: w.WorkloadName ?? w.WorkloadId ?? '', framework: (w.Lenses ?? []).includes(frameworkLens) });
  if (all.length > detailLimit) return { workloads: all.map(of), filtered: false };
  const kept = await Promise.all(
    all.map(async (w) => {
      const { Workload: d } = await getWorkload({ WorkloadId: w.WorkloadId ?? '' });
      const accounts = d?.AccountIds?.length ? d.AccountIds : d?.Owner ? [d.Owner] : [];
      return selects(conf, accounts, d?.AwsRegions ?? []) ? of(w) : undefined;
    }),
  );
  return { workloads: kept.filter((w): w is ScopeWorkload => !!w), filtered: true };
}

/** A question of the framework, or one of its best practices, that a
 * pillar may be narrowed to. */
export interface PracticeOption {
  id: string;
  label: string;
  question: string; // the question's title, which groups its practices
  isQuestion: boolean;
}

/** PracticeState is a pillar's practices as read so far. */
export interface PracticeState {
  loading: boolean;
  options: PracticeOption[];
  error?: string;
}

/** usePractices reads each pillar's framework practices once, when first
 * asked for, from the framework review of the workload given. */
export function usePractices(workloadId: string | undefined) {
  const [byPillar, setByPillar] = useState<Partial<Record<Pillar, PracticeState>>>({});
  const asked = useRef(new Set<Pillar>());
  const load = useCallback(
    async (p: Pillar) => {
      if (!workloadId || asked.current.has(p)) return;
      asked.current.add(p);
      setByPillar((s) => ({ ...s, [p]: { loading: true, options: [] } }));
      try {
        const options: PracticeOption[] = [];
        let token: string | undefined;
        do {
          const page = await listAnswers({ WorkloadId: workloadId, LensAlias: frameworkLens, PillarId: frameworkPillar[p], MaxResults: 50, NextToken: token });
          for (const a of page.AnswerSummaries ?? []) {
            const question = a.QuestionTitle ?? a.QuestionId ?? '';
            options.push({ id: a.QuestionId ?? '', label: `Every practice of: ${question}`, question, isQuestion: true });
            for (const c of a.Choices ?? []) {
              if (!c.ChoiceId || /_no$/.test(c.ChoiceId)) continue; // "None of these" is no practice
              options.push({ id: c.ChoiceId, label: c.Title ?? c.ChoiceId, question, isQuestion: false });
            }
          }
          token = page.NextToken;
        } while (token);
        setByPillar((s) => ({ ...s, [p]: { loading: false, options } }));
      } catch (e) {
        asked.current.delete(p);
        setByPillar((s) => ({ ...s, [p]: { loading: false, options: [], error: e instanceof Error ? e.message : String(e) } }));
      }
    },
    [workloadId],
  );
  return { byPillar, load };
}

/** idPattern is what an ID typed by hand may look like: a workload's ID or
 * ARN, a question's or a practice's ID. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,2047}$/;

/** splitIds reads IDs typed by hand, separated by commas or white space,
 * and says which are not IDs at all. */
export function splitIds(text: string): { ids: string[]; bad: string[] } {
  const ids = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { ids, bad: ids.filter((s) => !idPattern.test(s)) };
}

/** contextBytes is how many bytes the additional context takes as the API
 * counts it: the text sent as a JSON string, in UTF-8. */
export function contextBytes(text: string): number {
  return new TextEncoder().encode(JSON.stringify(text)).length;
}

/** maxContextBytes is the API's bound on the additional context. */
export const maxContextBytes = 10000;
