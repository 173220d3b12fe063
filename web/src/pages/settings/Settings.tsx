// Settings: who I am, the account's global settings, its Jira integration and, for the account's
// admins, its users with their access keys and its audit log. The server
// refuses the admin endpoints to anyone else; the page does not ask.
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { Session } from '../../api/client';
import { Audit } from './Audit';
import { GlobalSettingsPanel } from './GlobalSettings';
import { JiraSettings } from './JiraSettings';
import { Users } from './Users';
import { Webhooks } from '../webhooks/Webhooks';

export function Settings({ session }: { session: Session }) {
  return (
    <SpaceBetween size="l">
      <Header variant="h1" description="Your identity, the account's settings, and its users and audit log for admins.">
        Settings
      </Header>
      <Container header={<Header variant="h2">Your identity</Header>}>
        <KeyValuePairs
          columns={4}
          items={[
            { label: 'User name', value: session.userName },
            { label: 'Account', value: session.accountId },
            { label: 'User ARN', value: session.userArn },
            {
              label: 'Role',
              value: session.isAdmin ? <StatusIndicator type="info">Account admin</StatusIndicator> : 'User',
            },
          ]}
        />
      </Container>
      <GlobalSettingsPanel />
      <JiraSettings accountId={session.accountId} />
      <Webhooks />
      {session.isAdmin ? (
        <>
          <Users />
          <Audit />
        </>
      ) : (
        <Container header={<Header variant="h2">Users and audit log</Header>}>
          <Box data-testid="admin-only">
            Only the account's admins see its users, their access keys and the audit log. Ask an admin, or use <code>wat admin</code> on
            the server.
          </Box>
        </Container>
      )}
    </SpaceBetween>
  );
}
