// A workload's own Jira settings: the section of Define workload and Edit
// workload (issue management INHERIT / ENABLED / DISABLED, AUTO or MANUAL,
// a project key) and what the workload's properties show of them, resolved
// over the account's as a sync resolves them.
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { getGlobalSettings } from '../api/gen/ops';
import type { IssueManagementType, Workload, WorkloadIssueManagementStatus, WorkloadJiraConfigurationInput, WorkloadJiraConfigurationOutput } from '../api/gen/types';
import { useAsync } from '../components/common';
import { projectKeyProblem, resolveJira, syncTypeOptions } from '../components/jira';
import type { HelpTopic } from '../help/context';
import { InfoLink } from '../help/Help';

/** help is the Info of the section's fields. */
const help: Record<'status' | 'type' | 'projectKey', HelpTopic> = {
  status: {
    title: 'Jira issue management',
    sections: [
      { text: "Whether this workload's improvement plan is kept in Jira: the workload becomes an Epic, each question at high or medium risk a Task under it, and each best practice still to put in place a Sub-task of its question, labelled with its pillar." },
      { text: "Inherit follows the account's setting (Settings → Jira); Enabled and Disabled decide for this workload alone. Nothing is synced while the account is not connected to Jira." },
    ],
  },
  type: {
    title: 'Issue management type',
    sections: [
      { text: 'Automatic: every change of the workload is synced with Jira as it is made.' },
      { text: 'Manual: the workload is synced when someone chooses "Sync with Jira" on the workload or one of its lens reviews, for the questions chosen there.' },
      { text: "Either way a Sub-task completed in Jira selects its best practice here. Not chosen, the workload follows the account's type." },
    ],
  },
  projectKey: {
    title: 'Jira project key',
    sections: [
      { text: "The key of the Jira project the workload's issues are created in, such as WA. Empty, the account's default project is used." },
      { text: 'Limits:\n• 1 to 100 characters: upper-case letters, digits and _, starting with a letter.\n• The project must offer the Epic, Task (or Story) and Sub-task issue types.' },
    ],
  },
};

/** JiraFields is the form's state: '' for a type or key the workload
 * leaves to its account. */
export interface JiraFields {
  status: WorkloadIssueManagementStatus;
  type: IssueManagementType | '';
  projectKey: string;
}

/** jiraFieldsOf reads a workload's settings; none stored reads as INHERIT. */
export function jiraFieldsOf(c?: WorkloadJiraConfigurationOutput): JiraFields {
  return { status: c?.IssueManagementStatus ?? 'INHERIT', type: c?.IssueManagementType ?? '', projectKey: c?.JiraProjectKey ?? '' };
}

/** jiraProblem checks the project key as the API does; empty is allowed
 * (the account's project). */
export function jiraProblem(f: JiraFields): string | undefined {
  return f.projectKey ? projectKeyProblem(f.projectKey) : undefined;
}

/** jiraInput is the JiraConfiguration to send: what differs from the
 * workload's current settings (from nothing when defining one), or
 * undefined when nothing does, so an untouched form changes nothing. A
 * type or key once set cannot be emptied: the API has no value for "the
 * account's". */
export function jiraInput(f: JiraFields, was: JiraFields): WorkloadJiraConfigurationInput | undefined {
  const c: WorkloadJiraConfigurationInput = {};
  if (f.status !== was.status) c.IssueManagementStatus = f.status;
  if (f.type && f.type !== was.type) c.IssueManagementType = f.type;
  if (f.projectKey && f.projectKey !== was.projectKey) c.JiraProjectKey = f.projectKey;
  return Object.keys(c).length ? c : undefined;
}

/** JiraSection is the Jira part of the workload form. */
export function JiraSection({ f, was, onChange, error }: { f: JiraFields; was: JiraFields; onChange: (f: JiraFields) => void; error?: string }) {
  const account = useAsync(() => getGlobalSettings().then((r) => r.JiraConfiguration), []);
  const a = account.data;
  const accountSays = a
    ? `${a.IntegrationStatus === 'CONFIGURED' ? 'connected to ' + (a.Subdomain ?? 'Jira') : 'not connected to Jira'}; issue management ${a.IssueManagementStatus === 'ENABLED' ? 'enabled' : 'disabled'}, ${
        a.IssueManagementType === 'AUTO' ? 'automatic' : 'manual'
      }, project ${a.JiraProjectKey ?? 'WA'}`
    : '';
  return (
    <Container
      header={
        <Header variant="h2" description={`Whether this workload's improvement plan is kept in Jira. The account: ${accountSays || '…'}.`}>
          Jira - optional
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FormField label="Issue management" info={<InfoLink topic={help.status} about="Jira issue management" />}>
          <RadioGroup
            value={f.status}
            onChange={(e) => onChange({ ...f, status: e.detail.value as WorkloadIssueManagementStatus })}
            ariaLabel="Jira issue management"
            items={[
              { value: 'INHERIT', label: "Inherit the account's settings" },
              { value: 'ENABLED', label: 'Enabled for this workload' },
              { value: 'DISABLED', label: 'Disabled for this workload' },
            ]}
          />
        </FormField>
        {f.status !== 'DISABLED' && (
          <>
            <FormField label="Issue management type" info={<InfoLink topic={help.type} about="Issue management type" />} description={was.type ? undefined : "Not chosen: the account's."}>
              <RadioGroup value={f.type || null} onChange={(e) => onChange({ ...f, type: e.detail.value as IssueManagementType })} ariaLabel="Jira issue management type" items={syncTypeOptions} />
            </FormField>
            <FormField
              label="Jira project key"
              info={<InfoLink topic={help.projectKey} about="Jira project key" />}
              description="Empty: the account's project."
              constraintText="Upper-case letters, digits and _, starting with a letter; up to 100 characters."
              errorText={error}
            >
              <Input value={f.projectKey} onChange={(e) => onChange({ ...f, projectKey: e.detail.value })} ariaLabel="Jira project key" placeholder={a?.JiraProjectKey ?? 'WA'} />
            </FormField>
          </>
        )}
      </SpaceBetween>
    </Container>
  );
}

/** JiraProperties shows a workload's Jira settings on its Properties tab:
 * its own, and what they come to with its account's. */
export function JiraProperties({ w }: { w: Workload }) {
  const account = useAsync(() => getGlobalSettings().then((r) => r.JiraConfiguration), []);
  const own = jiraFieldsOf(w.JiraConfiguration);
  const r = resolveJira(account.data, w.JiraConfiguration);
  const connected = account.data?.IntegrationStatus === 'CONFIGURED';
  const label = { INHERIT: "Inherits the account's", ENABLED: 'Enabled', DISABLED: 'Disabled' }[own.status];
  return (
    <Container header={<Header variant="h2">Jira</Header>} data-testid="workload-jira">
      <ColumnLayout columns={4} variant="text-grid">
        <div>
          <Box variant="awsui-key-label">Issue management</Box>
          <div data-testid="workload-jira-status">{label}</div>
        </div>
        <div>
          <Box variant="awsui-key-label">Issue management type</Box>
          <div data-testid="workload-jira-type">{own.type ? (own.type === 'AUTO' ? 'Automatic' : 'Manual') : "The account's"}</div>
        </div>
        <div>
          <Box variant="awsui-key-label">Jira project key</Box>
          <div data-testid="workload-jira-project">{own.projectKey || "The account's"}</div>
        </div>
        <div>
          <Box variant="awsui-key-label">In effect</Box>
          <div data-testid="workload-jira-effect">
            {!account.data ? (
              '-'
            ) : !connected ? (
              <StatusIndicator type="stopped">The account is not connected to Jira</StatusIndicator>
            ) : r.enabled ? (
              <StatusIndicator type="success">
                Syncs {r.type === 'AUTO' ? 'automatically' : 'manually'} to project {r.projectKey}
              </StatusIndicator>
            ) : (
              <StatusIndicator type="stopped">Not synced with Jira</StatusIndicator>
            )}
          </div>
          {w.JiraConfiguration?.StatusMessage && <Box variant="small">{w.JiraConfiguration.StatusMessage}</Box>}
        </div>
      </ColumnLayout>
    </Container>
  );
}
