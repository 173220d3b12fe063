// Sign in with the account id, user name and console password (set with
// `wat admin set-password`; the first start prints the admin's).
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Alert from '@cloudscape-design/components/alert';
import { session, type Session } from '../api/client';
import { errorText } from '../format';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [accountId, setAccountId] = useState('');
  const [userName, setUserName] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError('');
    try {
      onSignedIn(await session.signIn(accountId.trim(), userName.trim(), password));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 480, margin: '10vh auto', padding: 16 }}>
      <form onSubmit={submit}>
        <Form
          header={<Header variant="h1" description="Self-hosted Well-Architected Tool">Sign in to wat</Header>}
          actions={
            <Button variant="primary" formAction="submit" loading={busy} data-testid="signin">
              Sign in
            </Button>
          }
        >
          <Container>
            <SpaceBetween size="m">
              {error && <Alert type="error">{error}</Alert>}
              <FormField label="Account ID" description="Leave empty for the default account." constraintText="12 digits">
                <Input value={accountId} onChange={(e) => setAccountId(e.detail.value)} inputMode="numeric" ariaLabel="Account ID" />
              </FormField>
              <FormField label="User name">
                <Input value={userName} onChange={(e) => setUserName(e.detail.value)} autoComplete="username" ariaLabel="User name" />
              </FormField>
              <FormField label="Password">
                <Input
                  type="password"
                  value={password}
                  onChange={(e) => setPassword(e.detail.value)}
                  autoComplete="current-password"
                  ariaLabel="Password"
                />
              </FormField>
              <Box variant="small" data-testid="password-help">
                The first start of <code>wat serve</code> prints the admin's password. To set a new one, run on the server, with the data
                directory of <code>wat serve</code> (or <code>--database-url</code>):{' '}
                <code>wat admin --data-dir DIR set-password --account ID --user NAME --generate</code>
              </Box>
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}
