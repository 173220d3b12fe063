// Settings → Webhooks: subscribing an endpoint shows its secret once,
// disabling, rotating the secret (a new one shown) and deleting it, each
// read back over the API; the delivery log of the selected subscription.
// Delivering itself is tested in Go (api/e2e_webhooks_test.go and the
// `wat serve` processes of cmd/wat/webhook_kill_test.go).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, signIn, shot, callAPI } from './browser.mjs';

let srv, browser, page;
const pageErrors = [];

before(async () => {
  srv = await startServer();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const api = (method, path, body) => callAPI(page, method, path, body);
const subs = async () => (await api('GET', '/webhookSubscriptions')).WebhookSubscriptions ?? [];

test('webhook subscriptions in Settings', async () => {
  try {
    await page.goto(srv.endpoint + '/#/settings');
    const panel = page.getByTestId('webhooks');
    await panel.getByTestId('webhook-url').locator('input').fill('https://hooks.example.com/wat');
    await panel.getByTestId('webhook-create').click();
    const secret = (await page.getByTestId('webhook-secret').textContent()).trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    let [s] = await subs();
    assert.equal(s.Url, 'https://hooks.example.com/wat');
    assert.equal(s.Status, 'ENABLED');

    const table = page.getByTestId('webhook-table');
    await table.getByRole('row', { name: /hooks\.example\.com/ }).getByRole('radio').check();
    await page.getByTestId('webhook-deliveries').waitFor();
    await table.getByRole('button', { name: 'Disable' }).click();
    await table.getByText('Disabled').waitFor();
    [s] = await subs();
    assert.equal(s.Status, 'DISABLED');

    await table.getByRole('button', { name: 'Rotate secret' }).click();
    await page.waitForFunction((old) => {
      const el = document.querySelector('[data-testid="webhook-secret"]');
      return el && el.textContent.trim() !== old;
    }, secret);
    [s] = await subs();
    assert.ok(s.PreviousSecretExpiresAt, 'the old secret stays valid for a while after the rotation');

    await table.getByRole('button', { name: 'Delete' }).click();
    await table.getByText('No subscriptions.').waitFor();
    assert.deepEqual(await subs(), []);
    assert.deepEqual(pageErrors, []);
  } catch (e) {
    await shot(page, 'failure-webhooks');
    throw e;
  }
});
