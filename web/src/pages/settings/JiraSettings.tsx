// Settings → Jira: the account's Jira integration as GetGlobalSettings
// shows it (connected or not, to which site), its issue management (on or
// off, AUTO or MANUAL, the default project) changed with
// UpdateGlobalSettings, and disconnecting (IntegrationStatus NOT_CONFIGURED)
// after a confirmation. Connecting is an operator's command on the server,
// as AWS's is a Jira app: the panel says which, with the account's ID.
import { useEffect, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Toggle from '@cloudscape-design/components/toggle';
import { getGlobalSettings, updateGlobalSettings } from '../../api/gen/ops';
import type { AccountJiraConfigurationInput, AccountJiraConfigurationOutput, IssueManagementType } from '../../api/gen/types';
import { ActionModal } from '../../components/ActionModal';
import { ErrorAlert, useAsync } from '../../components/common';
import { projectKeyProblem, syncTypeOptions } from '../../components/jira';
import { useFlash } from '../../flash';

interface Draft {
  enabled: boolean;
  type: IssueManagementType;
  projectKey: string;
}

const draftOf = (c?: AccountJiraConfigurationOutput): Draft => ({
  enabled: c?.IssueManagementStatus === 'ENABLED',
  type: c?.IssueManagementType ?? 'MANUAL',
  projectKey: c?.JiraProjectKey ?? '',
});

export function JiraSettings({ accountId }: { accountId: string }) {
  const current = useAsync(() => getGlobalSettings().then((r) => r.JiraConfiguration ?? {}), []);
  const [d, setD] = useState<Draft>(draftOf());
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);
  const flash = useFlash();
  useEffect(() => setD(draftOf(current.data)), [current.data]);

  const c = current.data;
  const connected = c?.IntegrationStatus === 'CONFIGURED';
  const was = draftOf(c);
  const changed: AccountJiraConfigurationInput = {};
  if (d.enabled !== was.enabled) changed.IssueManagementStatus = d.enabled ? 'ENABLED' : 'DISABLED';
  if (d.type !== was.type) changed.IssueManagementType = d.type;
  if (d.projectKey !== was.projectKey) changed.JiraProjectKey = d.projectKey;
  const dirty = Object.keys(changed).length > 0;
  const keyProblem = projectKeyProblem(d.projectKey);

  const save = async () => {
    setTried(true);
    if (keyProblem) return;
    setBusy(true);
    setError(undefined);
    try {
      await updateGlobalSettings({ JiraConfiguration: changed });
      flash({ type: 'success', content: 'Jira settings saved.' });
      setTried(false);
      current.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container
      data-testid="jira-settings"
      header={
        <Header
          variant="h2"
          description="Keep the improvement plan in Jira: the workload as an Epic, each question at risk as a Task, each best practice to put in place as a Sub-task."
          actions={
            connected && (
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => setDisconnecting(true)} data-testid="jira-disconnect">
                  Disconnect
                </Button>
                <Button disabled={!dirty} onClick={() => (setD(was), setTried(false), setError(undefined))}>
                  Reset
                </Button>
                <Button variant="primary" disabled={!dirty} loading={busy} onClick={save} data-testid="save-jira">
                  Save
                </Button>
              </SpaceBetween>
            )
          }
        >
          Jira
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ErrorAlert error={error ?? current.error} header="The Jira settings were not saved" />
        <KeyValuePairs
          columns={3}
          items={[
            {
              label: 'Integration status',
              value: (
                <span data-testid="jira-status">
                  {!c ? '-' : connected ? <StatusIndicator type="success">Configured</StatusIndicator> : <StatusIndicator type="stopped">Not configured</StatusIndicator>}
                </span>
              ),
            },
            { label: 'Jira site', value: c?.Subdomain ?? '-' },
            { label: 'Status message', value: c?.StatusMessage ?? '-' },
          ]}
        />
        {c && !connected && <ConnectHelp accountId={accountId} />}
        {connected && (
          <>
            <Toggle
              checked={d.enabled}
              onChange={(e) => setD({ ...d, enabled: e.detail.checked })}
              description="The account's workloads sync with Jira unless a workload says otherwise in its own settings."
            >
              Issue management: {d.enabled ? 'enabled' : 'disabled'}
            </Toggle>
            <FormField label="Issue management type">
              <RadioGroup
                value={d.type}
                onChange={(e) => setD({ ...d, type: e.detail.value as IssueManagementType })}
                ariaLabel="Issue management type"
                items={syncTypeOptions}
              />
            </FormField>
            <FormField
              label="Default Jira project key"
              description="The project of the workloads that do not name their own."
              constraintText="Upper-case letters, digits and _, starting with a letter; up to 100 characters."
              errorText={tried || d.projectKey !== was.projectKey ? keyProblem : undefined}
            >
              <Input value={d.projectKey} onChange={(e) => setD({ ...d, projectKey: e.detail.value })} ariaLabel="Default Jira project key" />
            </FormField>
          </>
        )}
      </SpaceBetween>
      {disconnecting && (
        <ActionModal
          header="Disconnect Jira"
          action="Disconnect"
          testId="confirm-jira-disconnect"
          onClose={() => setDisconnecting(false)}
          run={async () => {
            await updateGlobalSettings({ JiraConfiguration: { IntegrationStatus: 'NOT_CONFIGURED' } });
            flash({ type: 'success', content: `Disconnected the account from Jira${c?.Subdomain ? ' at ' + c.Subdomain : ''}.` });
            setDisconnecting(false);
            current.reload();
          }}
        >
          <Box>
            The account's workloads stop syncing with {c?.Subdomain ?? 'Jira'}. The issues stay in Jira, and wat keeps their links: connecting the
            same site again finds them. Only an operator can connect the account again, on the server.
          </Box>
        </ActionModal>
      )}
    </Container>
  );
}

/** ConnectHelp says how an operator connects the account: AWS connects
 * from a Jira app, wat from its server's command line. */
function ConnectHelp({ accountId }: { accountId: string }) {
  return (
    <Alert type="info" header="Connect the account to Jira" data-testid="jira-connect-help">
      <SpaceBetween size="xs">
        <Box>An operator of the wat server connects it, with a token kept in a file (never on the command line). For Jira Cloud, with an API token:</Box>
        <Box variant="code">
          wat admin --data-dir DIR jira-connect --account {accountId} --url https://SITE.atlassian.net --email EMAIL --token-file FILE
          [--project-key KEY]
        </Box>
        <Box>For Jira Data Center, with a personal access token:</Box>
        <Box variant="code">
          wat admin --data-dir DIR jira-connect --account {accountId} --url https://jira.example.com --pat-file FILE [--project-key KEY]
        </Box>
        <Box>The connection is checked first (the user, the project and its issue types), and any problem is named.</Box>
      </SpaceBetween>
    </Alert>
  );
}
