// The console's protections, in a real browser against a real server: the
// Content-Security-Policy, untrusted text rendered as text, links only when
// http(s), and a cross-site form post that changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer } from './server.mjs';
import { launch, signIn, shot } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** api calls the AWS-compatible API from the signed-in page, as the console does. */
function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = await (await fetch('/console/api/session')).json();
      const res = await fetch(path, {
        method,
        headers: { 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => ({})) };
    },
    { method, path, body },
  );
}

test('the console is served with a strict Content-Security-Policy and no inline script', async () => {
  const res = await fetch(srv.endpoint + '/');
  const csp = res.headers.get('content-security-policy') ?? '';
  const script = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  assert.match(script, /'self'/);
  assert.doesNotMatch(script, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const html = await res.text();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc=/, `inline script: ${tag}`);
});

test('names, notes and links from users are rendered as text', async () => {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await signIn(page, srv);
  const evil = '<img src=x onerror="window.__xss=1">';
  const created = await api(page, 'POST', '/workloads', {
    WorkloadName: 'XSS ' + evil,
    Description: '<script>window.__xss=2</script> description',
    Environment: 'PRODUCTION',
    AwsRegions: ['us-east-1'],
    ReviewOwner: '<b onmouseover=alert(1)>owner</b>',
    ArchitecturalDesign: 'https://example.com/design?"><svg/onload=alert(3)>',
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'xss-1',
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const id = created.body.WorkloadId;
  const notes = await api(page, 'PATCH', `/workloads/${id}/lensReviews/wellarchitected/answers/priorities`, {
    SelectedChoices: ['ops_priorities_no'],
    Notes: '<iframe src="javascript:window.__xss=3"></iframe>',
  });
  assert.equal(notes.status, 200, JSON.stringify(notes.body));

  for (const route of [`#/workloads`, `#/workloads/${id}`, `#/workloads/${id}?tab=properties`, `#/workloads/${id}/lens/wellarchitected/review/priorities`]) {
    await page.goto(srv.endpoint + '/' + route);
    await page.getByText('XSS <img', { exact: false }).first().waitFor();
    await page.waitForTimeout(300);
  }
  await shot(page, 'security-xss-as-text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img[src="x"], iframe, b[onmouseover]').count(), 0);
  assert.deepEqual(dialogs, []);
  // The notes are in the text area as typed.
  assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), '<iframe src="javascript:window.__xss=3"></iframe>');
  await page.close();
});

test('only http(s) links are made links', async () => {
  const page = await browser.newPage();
  await signIn(page, srv);
  // The API refuses a javascript: design link.
  const refused = await api(page, 'POST', '/workloads', {
    WorkloadName: 'Script link',
    Description: 'description',
    ReviewOwner: 'owner',
    Environment: 'PRODUCTION',
    AwsRegions: ['us-east-1'],
    ArchitecturalDesign: 'javascript:alert(1)',
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'xss-2',
  });
  assert.equal(refused.status, 400);
  // It accepts ftp:, which the console shows as text, not as a link.
  const ftp = await api(page, 'POST', '/workloads', {
    WorkloadName: 'FTP link',
    Description: 'description',
    ReviewOwner: 'owner',
    Environment: 'PRODUCTION',
    AwsRegions: ['us-east-1'],
    ArchitecturalDesign: 'ftp://example.com/design.pdf',
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'xss-3',
  });
  assert.equal(ftp.status, 200, JSON.stringify(ftp.body));
  await page.goto(srv.endpoint + `/#/workloads/${ftp.body.WorkloadId}?tab=properties`);
  await page.getByText('ftp://example.com/design.pdf').waitFor();
  assert.equal(await page.locator('a[href^="ftp:"], a[href^="javascript:"]').count(), 0);
  await page.close();
});

test('a cross-site form post does not reach the API as the signed-in user', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, srv);
  const before = await api(page, 'POST', '/workloadsSummaries', { MaxResults: 50 });
  // Another site (localhost is a different site from 127.0.0.1) posts a form
  // to the API and to the sign-in endpoint.
  const target = srv.endpoint;
  const evil = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><body>
      <form id="f" method="POST" action="${target}/workloads" enctype="text/plain">
        <input name='{"WorkloadName":"Forged","Description":"forged workload","Environment":"PRODUCTION","AwsRegions":["us-east-1"],"Lenses":["wellarchitected"],"x":"' value='"}'>
      </form>
      <script>document.getElementById('f').submit()</script></body>`);
  });
  await new Promise((r) => evil.listen(0, 'localhost', r));
  const evilURL = `http://localhost:${evil.address().port}/`;
  const attack = await context.newPage();
  const response = await Promise.all([attack.waitForNavigation({ url: (u) => u.href.startsWith(target) }), attack.goto(evilURL)]).then(([r]) => r);
  assert.ok(response, 'the form was posted');
  assert.ok(response.status() >= 400, `the forged post was answered ${response.status()}`);
  evil.close();
  const after = await api(page, 'POST', '/workloadsSummaries', { MaxResults: 50 });
  assert.equal(after.body.WorkloadSummaries?.length ?? 0, before.body.WorkloadSummaries?.length ?? 0);
  assert.ok(!(after.body.WorkloadSummaries ?? []).some((w) => w.WorkloadName === 'Forged'));
  await context.close();
});

test('signing out ends the session on the server', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, srv);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'wat_session');
  assert.ok(session, 'session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  const csrf = await page.evaluate(async () => (await (await fetch('/console/api/session')).json()).csrfToken);
  await page.getByRole('button', { name: /admin/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  // The old cookie and token no longer work.
  const res = await fetch(srv.endpoint + '/workloadsSummaries', {
    method: 'POST',
    headers: { Cookie: `wat_session=${session.value}`, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
    body: '{}',
  });
  assert.equal(res.status, 403);
  await context.close();
});
