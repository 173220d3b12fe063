// Single sign-on in the browser, against a real OpenID provider
// (internal/cmd/oidcprovider: zitadel's op with its login page): the
// sign-in page offers "Sign in with Test SSO" beside the password form,
// the provider's login leads back into the console signed in as the user
// the provider's e-mail names, with its group's policy; a person the rules
// refuse sees the refusal page; signing out goes through the provider's
// sign-out, with the session's ID token, and back to the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer } from './server.mjs';
import { launch, shot, callAPI } from './browser.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const secret = 'browser-test-client-secret';
let srv, browser, op, tmp;

/** startProvider builds and starts the provider (unless OIDCPROVIDER_BIN
 * names a built one); send writes a command and waits for its answer. */
async function startProvider() {
  let bin = process.env.OIDCPROVIDER_BIN;
  if (!bin) {
    bin = join(tmp, 'oidcprovider');
    await run('go', ['build', '-o', bin, './internal/cmd/oidcprovider'], { cwd: root });
  }
  const proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = [];
  const waiting = [];
  let buf = '';
  proc.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      w ? w(line) : lines.push(line);
    }
  });
  const next = () => (lines.length ? Promise.resolve(lines.shift()) : new Promise((ok) => waiting.push(ok)));
  const first = await next();
  assert.match(first, /^issuer http:\/\/127\.0\.0\.1:\d+$/);
  return {
    issuer: first.split(' ')[1],
    async send(cmd) {
      proc.stdin.write(cmd + '\n');
      const answer = await next();
      assert.equal(answer, 'ok', cmd);
    },
    stop: () => proc.stdin.end(),
  };
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wat-oidc-'));
  op = await startProvider();
  process.env.WAT_OIDC_CLIENT_SECRET = secret;
  srv = await startServer([
    '--oidc-issuer', op.issuer, '--oidc-client-id', 'wat', '--oidc-name', 'Test SSO',
    '--oidc-groups-claim', 'groups', '--oidc-group-policy', 'wa-readers=WellArchitectedConsoleReadOnlyAccess',
  ]);
  delete process.env.WAT_OIDC_CLIENT_SECRET;
  await op.send(`client wat ${secret} ${srv.endpoint}/console/api/oidc/callback`);
  await op.send('person sub-frank frank pw-frank frank@example.com wa-readers');
  browser = await launch();
});
after(async () => (await browser?.close(), await srv?.stop(), op?.stop(), rmSync(tmp, { recursive: true, force: true })));

test('signing in with the provider lands in the console as the mapped user, and signing out signs out there too', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(srv.endpoint + '/');
    // Passwords stay available beside single sign-on.
    await page.getByLabel('Password').waitFor();
    await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
    await page.waitForURL(op.issuer + '/login/**');
    await page.locator('#username').fill('frank');
    await page.locator('#password').fill('pw-frank');
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    assert.ok(page.url().startsWith(srv.endpoint + '/'), page.url());
    await page.getByRole('button', { name: 'frank@example.com' }).waitFor();
    // The group's read-only policy is enforced on the console's calls.
    const listed = await callAPI(page, 'POST', '/workloadsSummaries', {});
    assert.ok(Array.isArray(listed.WorkloadSummaries), JSON.stringify(listed));
    await assert.rejects(
      callAPI(page, 'POST', '/workloads', {
        WorkloadName: 'by a reader', Description: 'denied', Environment: 'PREPRODUCTION', ReviewOwner: 'frank',
        AwsRegions: ['us-east-1'], Lenses: ['wellarchitected'], ClientRequestToken: 'oidc-browser-1',
      }),
      /403 .*not authorized/,
    );

    // Signing out goes to the provider's sign-out with the session's ID
    // token as id_token_hint; the provider takes it and sends the browser
    // back to the console, signed out.
    const endSession = page.waitForRequest((r) => r.url().startsWith(op.issuer + '/end_session'));
    await page.getByRole('button', { name: 'frank@example.com' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    const q = new URL((await endSession).url()).searchParams;
    assert.equal(q.get('id_token_hint')?.split('.').length, 3, q.toString());
    assert.equal(q.get('client_id'), 'wat');
    assert.equal(q.get('post_logout_redirect_uri'), srv.endpoint + '/');
    await page.getByRole('link', { name: 'Sign in with Test SSO' }).waitFor();
    assert.ok(page.url().startsWith(srv.endpoint + '/'), page.url());
  } catch (e) {
    await shot(page, 'failure-oidc-signin');
    throw e;
  } finally {
    await context.close();
  }
});

test('a person the provider cannot name sees why the sign-in was refused', async () => {
  await op.send('person sub-gil gil pw-gil not-an-address!');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(srv.endpoint + '/');
    await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
    await page.locator('#username').fill('gil');
    await page.locator('#password').fill('pw-gil');
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'Sign-in refused' }).waitFor();
    assert.match(await page.locator('#message').innerText(), /not a valid user name/);
    await page.getByRole('link', { name: 'Back to the console' }).click();
    await page.getByRole('link', { name: 'Sign in with Test SSO' }).waitFor();
  } catch (e) {
    await shot(page, 'failure-oidc-refused');
    throw e;
  } finally {
    await context.close();
  }
});
