// Formatting shared by the pages.
import type { Risk, RiskCounts } from './api/gen/types';

export function date(epochSeconds?: number): string {
  if (!epochSeconds) return '-';
  return new Date(epochSeconds * 1000).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** when shows an RFC 3339 time as a local date and time (with seconds when
 * asked: audit events come many a minute), or the text as sent. */
export function when(s?: string, seconds = false): string {
  if (!s) return '-';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined });
}

export const riskLabel: Record<Risk, string> = {
  HIGH: 'High risk',
  MEDIUM: 'Medium risk',
  NONE: 'No risk',
  NOT_APPLICABLE: 'Not applicable',
  UNANSWERED: 'Unanswered',
};

/** answered counts the questions answered: everything but UNANSWERED. */
export function answered(c?: RiskCounts): number {
  if (!c) return 0;
  return (c.HIGH ?? 0) + (c.MEDIUM ?? 0) + (c.NONE ?? 0) + (c.NOT_APPLICABLE ?? 0);
}

export function total(c?: RiskCounts): number {
  return answered(c) + (c?.UNANSWERED ?? 0);
}

export const improvementStatusLabel: Record<string, string> = {
  NOT_APPLICABLE: 'Not applicable',
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETE: 'Complete',
  RISK_ACKNOWLEDGED: 'Risk acknowledged',
};

/** safeUrl returns u when it is an http(s) URL, otherwise undefined: text
 * from lenses and users never becomes a javascript: or data: link. */
export function safeUrl(u?: string): string | undefined {
  if (!u) return undefined;
  try {
    const p = new URL(u, window.location.href);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : undefined;
  } catch {
    return undefined;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
