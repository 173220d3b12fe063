// The account's users and their access keys, for its admins
// (GET /console/api/users). Keys are listed by id only: their secrets are
// never shown again after creation.
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { consoleUsers } from '../../api/console';
import { ErrorAlert, useAsync } from '../../components/common';
import { when } from '../../format';

export function Users() {
  const list = useAsync(() => consoleUsers().then((r) => r.users ?? []), []);
  return (
    <SpaceBetween size="s">
      <ErrorAlert error={list.error} header="The users could not be listed" />
      <Table
        data-testid="users-table"
        header={
          <Header variant="h2" counter={list.data ? `(${list.data.length})` : undefined} description="Manage them with wat admin on the server.">
            Users and access keys
          </Header>
        }
        loading={list.loading}
        loadingText="Loading users"
        wrapLines
        items={list.data ?? []}
        trackBy="userArn"
        empty={<Box textAlign="center">No users.</Box>}
        columnDefinitions={[
          { id: 'name', header: 'User name', cell: (u) => u.userName },
          { id: 'arn', header: 'ARN', cell: (u) => u.userArn },
          { id: 'admin', header: 'Role', cell: (u) => (u.isAdmin ? 'Admin' : 'User') },
          {
            id: 'password',
            header: 'Console password',
            cell: (u) => (u.hasPassword ? <StatusIndicator type="success">Set</StatusIndicator> : <StatusIndicator type="stopped">Not set</StatusIndicator>),
          },
          { id: 'created', header: 'Created', cell: (u) => when(u.createdAt) },
          {
            id: 'keys',
            header: 'Access keys',
            cell: (u) =>
              u.accessKeys.length === 0 ? (
                'None'
              ) : (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {u.accessKeys.map((k) => (
                    <li key={k.accessKeyId}>
                      <code>{k.accessKeyId}</code>{' '}
                      <StatusIndicator type={k.active ? 'success' : 'stopped'}>{k.active ? 'Active' : 'Inactive'}</StatusIndicator>{' '}
                      <Box variant="small" display="inline">
                        created {when(k.createdAt)}
                      </Box>
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </SpaceBetween>
  );
}
