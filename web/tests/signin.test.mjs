// The sign-in page: the command it names to set a password is one that
// exists (run here as an operator would, and its password signs in), and
// opening the console, signed out or in, logs no error in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, signIn, shot } from './browser.mjs';

const bin = process.env.WAT_BIN || resolve(import.meta.dirname, '../../bin/wat');

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => (await browser?.close(), await srv?.stop()));

test('opening the console, signed out and signed in, logs no error and no failed request', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`));
  try {
    await page.goto(srv.endpoint + '/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], 'the sign-in page');
    await signIn(page, srv);
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, [], 'the dashboard');
  } catch (e) {
    await shot(page, 'failure-signin-quiet');
    throw e;
  } finally {
    await context.close();
  }
});

test('the sign-in page names the command that sets a password, and it works', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(srv.endpoint + '/');
    const help = page.getByTestId('password-help');
    await help.waitFor();
    const command = await help.locator('code').last().innerText();
    assert.equal(command, 'wat admin --data-dir DIR set-password --account ID --user NAME --generate');
    const values = { DIR: srv.dataDir, ID: srv.account, NAME: 'admin' };
    const [, ...args] = command.split(' ').map((w) => values[w] ?? w);
    const out = JSON.parse(execFileSync(bin, args, { encoding: 'utf8' }));
    assert.match(out.Password, /^\S{12,}$/);
    await signIn(page, { ...srv, password: out.Password });
  } catch (e) {
    await shot(page, 'failure-signin-help');
    throw e;
  } finally {
    await context.close();
  }
});
