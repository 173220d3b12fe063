// Shared pieces of the Agent section: labels, dates and reading every page
// of the Agent's lists (their tokens are named nextToken, their lists items).
import { ApiError } from '../../api/client';
import type { Pillar } from '../../api/gen/types';

export const pillarLabel: Record<Pillar, string> = {
  OPERATIONAL_EXCELLENCE: 'Operational excellence',
  SECURITY: 'Security',
  RESILIENCE: 'Reliability (resilience)',
  PERFORMANCE: 'Performance efficiency',
  COST_OPTIMIZATION: 'Cost optimization',
};
export const pillars = Object.keys(pillarLabel) as Pillar[];

export const levelLabel: Record<string, string> = { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low', LARGE: 'Large', SMALL: 'Small' };
export const statusLabel: Record<string, string> = { ACTIVE: 'Active', COMPLETED: 'Completed', SUPPRESSED: 'Suppressed' };

/** when shows an RFC 3339 time in the reader's locale. */
export function when(s?: string): string {
  if (!s) return '-';
  const d = new Date(s);
  return isNaN(d.getTime()) ? s : d.toLocaleString();
}

/** everyItem calls a paginated Agent list until it ends. */
export async function everyItem<T>(page: (token?: string) => Promise<{ items: T[]; nextToken?: string }>, limit = 5000): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.items ?? []));
    token = p.nextToken;
  } while (token && out.length < limit);
  return out;
}

/** fieldErrorOf reads an API error's messages by field: fieldError('regions')
 * also takes "aggregationConfiguration[0].regions", and a name its elements. */
export function fieldErrorOf(error: unknown) {
  const fields = error instanceof ApiError ? error.fields : [];
  return (...names: string[]) =>
    fields
      .filter((f) => names.some((n) => f.Name === n || f.Name?.endsWith('.' + n) || f.Name?.startsWith(n + '[') || f.Name?.startsWith(n + '.')))
      .map((f) => f.Message)
      .join(' ') || undefined;
}
