// What the console shows of the Jira integration in several places: the
// project key's rule as the API checks it, the Jira issue of a question (a
// link opening Jira in a new tab, with when it was last synced), and what a
// workload's settings resolve to over its account's.
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AccountJiraConfigurationOutput, JiraConfiguration, WorkloadJiraConfigurationOutput } from '../api/gen/types';
import { date } from '../format';
import { SafeLink } from './common';

/** projectKeyProblem checks a Jira project key as the API does (1 to 100
 * characters, ^[A-Z][A-Z0-9_]*$) and says what is wrong, or undefined. */
export function projectKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'Enter a project key.';
  if (key.length > 100) return 'A project key has at most 100 characters.';
  if (!/^[A-Z][A-Z0-9_]*$/.test(key)) return 'Upper-case letters, digits and _, starting with a letter (e.g. WA).';
  return undefined;
}

/** issueKey is the issue's key as Jira shows it (WA-12): the last part of
 * its /browse/ URL. */
export function issueKey(url: string): string {
  const m = /\/browse\/([^/?#]+)/.exec(url);
  return m ? decodeURIComponent(m[1]) : 'Jira issue';
}

/** JiraIssue links to the Jira issue of a question, opened in a new tab,
 * with when wat last synced it; nothing when the question has none. */
export function JiraIssue({ c, testId }: { c?: JiraConfiguration; testId?: string }) {
  if (!c?.JiraIssueUrl) return null;
  return (
    <span data-testid={testId} data-jira-issue={c.JiraIssueUrl}>
      <SpaceBetween direction="horizontal" size="xxs" alignItems="center">
        <SafeLink url={c.JiraIssueUrl}>{issueKey(c.JiraIssueUrl)}</SafeLink>
        {c.LastSyncedTime && (
          <Box variant="small" color="text-body-secondary">
            synced {date(c.LastSyncedTime)}
          </Box>
        )}
      </SpaceBetween>
    </span>
  );
}

/** ResolvedJira is what a workload's settings come to, its account's
 * filling in what it inherits, as the server's sync resolves them. */
export interface ResolvedJira {
  enabled: boolean;
  inherited: boolean;
  type: string;
  projectKey: string;
}

/** resolveJira applies a workload's settings over its account's: INHERIT,
 * or no settings at all, follows the account; an empty type or project key
 * too (WA when the account has none either). */
export function resolveJira(account?: AccountJiraConfigurationOutput, w?: WorkloadJiraConfigurationOutput): ResolvedJira {
  const status = w?.IssueManagementStatus ?? 'INHERIT';
  const inherited = status === 'INHERIT';
  return {
    enabled: inherited ? account?.IssueManagementStatus === 'ENABLED' : status === 'ENABLED',
    inherited,
    type: w?.IssueManagementType || account?.IssueManagementType || 'MANUAL',
    projectKey: w?.JiraProjectKey || account?.JiraProjectKey || 'WA',
  };
}

/** syncTypeOptions are AUTO and MANUAL as the settings forms offer them. */
export const syncTypeOptions = [
  { value: 'AUTO', label: 'Automatic', description: 'Every change of a workload is synced as it is made.' },
  { value: 'MANUAL', label: 'Manual', description: '"Sync with Jira" syncs the questions chosen there.' },
];
