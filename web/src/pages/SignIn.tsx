// Sign in with the account id, user name and console password (set with
// `wat admin set-password`; the first start prints the admin's), or with
// the identity provider the server is configured with (single sign-on),
// or both, as GET /console/api/config says.
import { useEffect, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Alert from '@cloudscape-design/components/alert';
import { consoleConfig, session, type ConsoleConfig, type Session } from '../api/client';
import { errorText } from '../format';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [accountId, setAccountId] = useState('');
  const [userName, setUserName] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [config, setConfig] = useState<ConsoleConfig | null>(null);

  useEffect(() => {
    consoleConfig()
      .then(setConfig)
      .catch((err) => {
        setConfig({ passwords: true });
        setError(errorText(err));
      });
  }, []);
  const passwords = config?.passwords ?? true;
  const sso = config?.sso;

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
            <SpaceBetween direction="horizontal" size="xs">
              {sso && (
                // A navigation, not a fetch: the provider's pages follow.
                <Button variant={passwords ? 'normal' : 'primary'} href={sso.signInUrl} data-testid="signin-sso">
                  Sign in with {sso.name}
                </Button>
              )}
              {passwords && (
                <Button variant="primary" formAction="submit" loading={busy} data-testid="signin">
                  Sign in
                </Button>
              )}
            </SpaceBetween>
          }
        >
          <Container>
            <SpaceBetween size="m">
              {error && <Alert type="error">{error}</Alert>}
              {!passwords && (
                <Box data-testid="sso-only">
                  This server signs people in with {sso?.name ?? 'its identity provider'} only: passwords are turned off.
                </Box>
              )}
              {passwords && (
                <>
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
                </>
              )}
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}
