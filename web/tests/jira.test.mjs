// The Jira part of the console against a fake Jira served over HTTP
// (internal/cmd/fakejira, jira/jiratest's fake): Settings → Jira before and
// after an operator connects the account with `wat admin jira-connect`, a
// workload's own settings in Define and Edit workload, "Sync with Jira" with
// its question selection and its flash messages (Jira's refusal in the
// API's words, then a success), the links to the issues on the question and
// in the improvement plan, and disconnecting. Results are read back over the
// API. The real Jira could not be run here: the fake models its API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer } from './server.mjs';
import { launch, signIn, shot, callAPI } from './browser.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = process.env.WAT_BIN || resolve(root, 'bin/wat');
let srv, browser, page, jira, jiraProc, tmp;
const pageErrors = [];

/** startFakeJira builds and starts the fake Jira (unless FAKEJIRA_BIN names
 * a built one) and reads the line it prints: its URL and credentials. Its
 * standard input is a pipe: it stops when this process does. */
async function startFakeJira() {
  let fj = process.env.FAKEJIRA_BIN;
  if (!fj) {
    fj = join(tmp, 'fakejira');
    await run('go', ['build', '-o', fj, './internal/cmd/fakejira'], { cwd: root });
  }
  jiraProc = spawn(fj, ['-flavor', 'cloud', '-project', 'OPS'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('fakejira did not start: ' + out)), 20000);
    jiraProc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) (clearTimeout(timer), ok(JSON.parse(out.split('\n')[0])));
    });
    jiraProc.on('exit', (code) => fail(new Error(`fakejira exited with ${code}: ${out}`)));
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wat-jira-'));
  [srv, jira] = await Promise.all([startServer(), startFakeJira()]);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  jiraProc?.stdin.end();
  jiraProc?.kill();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const api = (method, path, body) => callAPI(page, method, path, body);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** noAxeViolations runs axe-core's WCAG 2.1 A and AA rules on the page as it is. */
async function noAxeViolations(what) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations)}`);
}

async function failing(name, f) {
  try {
    await f();
  } catch (e) {
    await shot(page, 'failure-jira-' + name);
    throw e;
  }
}

/** connect runs the operator's command on the server's data directory. */
async function connect() {
  const tokenFile = join(tmp, 'jira-token');
  writeFileSync(tokenFile, jira.token + '\n', { mode: 0o600 });
  const { stdout } = await run(bin, ['admin', '--data-dir', srv.dataDir, 'jira-connect', '--account', srv.account, '--url', jira.url, '--email', jira.email, '--token-file', tokenFile]);
  return JSON.parse(stdout);
}

const jiraPanel = () => page.getByTestId('jira-settings');

test("Settings → Jira: how to connect, then the connected account's settings checked as the API checks them", () =>
  failing('settings', async () => {
    await page.goto(srv.endpoint + '/#/settings');
    await jiraPanel().getByTestId('jira-status').getByText('Not configured').waitFor();
    const help = await jiraPanel().getByTestId('jira-connect-help').innerText();
    assert.match(help, new RegExp(`jira-connect --account ${srv.account} --url https://SITE.atlassian.net --email EMAIL --token-file FILE`));
    assert.match(help, /--pat-file FILE/);
    assert.equal(await page.getByTestId('save-jira').count(), 0, 'nothing to change before the account is connected');

    const connected = await connect();
    assert.equal(connected.IntegrationStatus, 'CONFIGURED');
    await page.reload();
    await jiraPanel().getByTestId('jira-status').getByText('Configured').waitFor();
    await jiraPanel().getByText('127.0.0.1', { exact: true }).waitFor();
    assert.equal(await jiraPanel().getByTestId('jira-connect-help').count(), 0);

    await jiraPanel().getByText('Issue management: disabled').click();
    await jiraPanel().getByText('Automatic', { exact: true }).click();
    const key = jiraPanel().getByLabel('Default Jira project key');
    assert.equal(await key.inputValue(), 'WA');
    await key.fill('ops-1');
    await jiraPanel().getByText('Upper-case letters, digits and _, starting with a letter (e.g. WA).').waitFor();
    await page.getByTestId('save-jira').click();
    await page.waitForTimeout(300);
    assert.equal((await api('GET', '/global-settings')).JiraConfiguration.IssueManagementStatus, 'DISABLED', 'an invalid key sends nothing');

    await key.fill('OPS');
    await page.getByTestId('save-jira').click();
    await page.getByText('Jira settings saved.').waitFor();
    await shot(page, 'jira-settings');
    await noAxeViolations('Settings with Jira connected');
    const { JiraConfiguration: c } = await api('GET', '/global-settings');
    assert.deepEqual(
      { s: c.IssueManagementStatus, t: c.IssueManagementType, k: c.JiraProjectKey, i: c.IntegrationStatus },
      { s: 'ENABLED', t: 'AUTO', k: 'OPS', i: 'CONFIGURED' },
    );
  }));

let workloadId, qa, qb;

test("a workload's own Jira settings: defined, shown, edited", () =>
  failing('workload', async () => {
    await page.goto(srv.endpoint + '/#/workloads/new');
    await page.getByRole('heading', { name: 'Define workload', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Payments in Jira');
    await page.getByLabel('Description', { exact: true }).fill('Card payments for the shop');
    await page.getByLabel('Review owner', { exact: true }).fill('payments@example.com');
    await page.getByText('Production', { exact: true }).click();
    await page.getByLabel('Non-AWS Regions', { exact: true }).fill('On-premises DC');
    // The account's settings, as the form says they would apply.
    await page.getByText('connected to 127.0.0.1; issue management enabled, automatic, project OPS', { exact: false }).waitFor();
    await page.getByText('Enabled for this workload').click();
    await page.getByText('Manual', { exact: true }).click();
    await page.getByRole('button', { name: 'Info about Jira project key', exact: true }).click();
    await page.getByTestId('help-panel').getByText('upper-case letters, digits and _', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: 'Jira project key' }).fill('No pe');
    await page.getByTestId('submit-workload').click();
    await page.getByText('Upper-case letters, digits and _, starting with a letter (e.g. WA).').waitFor();
    await page.getByRole('textbox', { name: 'Jira project key' }).fill('NOPE');
    await page.getByTestId('submit-workload').click();
    await page.getByRole('heading', { name: 'Payments in Jira', level: 1 }).waitFor();
    workloadId = decodeURIComponent(/#\/workloads\/([^/?]+)/.exec(page.url())[1]);
    const { Workload } = await api('GET', `/workloads/${workloadId}`);
    assert.deepEqual(Workload.JiraConfiguration, { IssueManagementStatus: 'ENABLED', IssueManagementType: 'MANUAL', JiraProjectKey: 'NOPE' });

    await page.getByRole('tab', { name: 'Properties' }).click();
    const props = page.getByTestId('workload-jira');
    assert.equal(await props.getByTestId('workload-jira-status').innerText(), 'Enabled');
    assert.equal(await props.getByTestId('workload-jira-type').innerText(), 'Manual');
    assert.equal(await props.getByTestId('workload-jira-project').innerText(), 'NOPE');
    await props.getByText('Syncs manually to project NOPE').waitFor();

    // Two questions at high risk, in two pillars: "None of these" chosen.
    const { AnswerSummaries } = await api('GET', `/workloads/${workloadId}/lensReviews/wellarchitected/answers?MaxResults=50`);
    qa = AnswerSummaries.find((a) => a.PillarId === 'security');
    qb = AnswerSummaries.find((a) => a.PillarId === 'reliability');
    for (const q of [qa, qb]) {
      const none = q.Choices.find((c) => /^None of these/.test(c.Title));
      const { Answer } = await api('PATCH', `/workloads/${workloadId}/lensReviews/wellarchitected/answers/${q.QuestionId}`, { SelectedChoices: [none.ChoiceId] });
      assert.equal(Answer.Risk, 'HIGH');
    }
  }));

/** chooseOnly selects, in the open Sync dialog, question qid alone. */
async function chooseOnly(pillarId, qid) {
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('jira-selected-count').getByText(/ of [1-9]\d* questions selected/).waitFor();
  for (const box of await dialog.locator('[data-jira-pillar] > span input[type=checkbox]').all()) {
    while ((await box.isChecked()) || (await box.evaluate((b) => b.indeterminate))) await box.click();
  }
  await dialog.getByTestId('jira-selected-count').getByText(/^0 of/).waitFor();
  const pillar = dialog.locator(`[data-jira-pillar="${pillarId}"]`);
  await pillar.getByText('Questions', { exact: true }).click();
  await pillar.locator(`[data-jira-question="${qid}"] input`).check();
  await dialog.getByTestId('jira-selected-count').getByText(/^1 of/).waitFor();
}

test('Sync with Jira: the selected question, Jira refusing a project, then the issue links', () =>
  failing('sync', async () => {
    const lensPage = `${srv.endpoint}/#/workloads/${workloadId}/lens/wellarchitected`;
    await page.goto(lensPage);
    await page.getByTestId('sync-jira').click();
    await chooseOnly('security', qa.QuestionId);
    await noAxeViolations('the Sync with Jira dialog');
    await page.getByTestId('confirm-sync-jira').click();
    await page.getByText('Payments in Jira was not synced with Jira').waitFor();
    // The flash says what the API answers to the same sync.
    const answered = await api('POST', `/workloads/${workloadId}/updateIntegration`, { IntegratingService: 'JIRA', ClientRequestToken: 'again-1' }).then(
      () => assert.fail('the sync into NOPE succeeded'),
      (e) => JSON.parse(e.message.slice(e.message.indexOf('{'), e.message.lastIndexOf('}') + 1)),
    );
    assert.match(answered.Message, /NOPE/);
    await page.getByText(answered.Message, { exact: true }).waitFor();

    // The project fixed in Edit workload.
    await page.goto(`${srv.endpoint}/#/workloads/${workloadId}/edit`);
    await page.getByRole('heading', { name: 'Edit workload', level: 1 }).waitFor();
    await page.waitForFunction(() => document.querySelector('input[aria-label="Jira project key"]')?.value === 'NOPE');
    await page.getByRole('textbox', { name: 'Jira project key' }).fill('WA');
    await page.getByTestId('submit-workload').click();
    await page.getByRole('heading', { name: 'Payments in Jira', level: 1 }).waitFor();
    assert.equal((await api('GET', `/workloads/${workloadId}`)).Workload.JiraConfiguration.JiraProjectKey, 'WA');

    // From the workload's page this time: the dialog opens with the
    // selection the first sync saved (GetLensReview's JiraConfiguration).
    await page.getByTestId('sync-jira').click();
    const count = page.getByRole('dialog').getByTestId('jira-selected-count');
    await count.getByText(/ of [1-9]\d* questions selected/).waitFor();
    assert.match(await count.innerText(), /^1 of \d+ questions selected$/);
    assert.ok(await page.getByRole('dialog').locator(`[data-jira-question="${qa.QuestionId}"] input`).isChecked());
    await page.getByTestId('confirm-sync-jira').click();
    await page.getByText('Synced Payments in Jira with Jira (project WA).').waitFor();

    // Only the question selected went to Jira.
    const { AnswerSummaries } = await api('GET', `/workloads/${workloadId}/lensReviews/wellarchitected/answers?MaxResults=50`);
    const a = AnswerSummaries.find((x) => x.QuestionId === qa.QuestionId);
    const b = AnswerSummaries.find((x) => x.QuestionId === qb.QuestionId);
    assert.match(a.JiraConfiguration?.JiraIssueUrl ?? '', new RegExp('^' + jira.url + '/browse/WA-\\d+$'));
    assert.equal(b.JiraConfiguration?.JiraIssueUrl, undefined);
    const url = a.JiraConfiguration.JiraIssueUrl;

    // The link on the question: a new tab, without a window.opener.
    await page.goto(`${lensPage}/review/${qa.QuestionId}`);
    const link = page.getByTestId('question-jira').getByRole('link');
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), url);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
    assert.match(await page.getByTestId('question-jira').innerText(), /WA-\d+[\s\S]*synced/);
    await shot(page, 'jira-question');

    // And in the improvement plan, on its row only.
    await page.goto(lensPage + '?tab=improvements');
    const planLink = page.getByTestId('jira-' + qa.QuestionId).getByRole('link');
    await planLink.waitFor();
    assert.equal(await planLink.getAttribute('href'), url);
    assert.equal(await page.getByTestId('jira-' + qb.QuestionId).count(), 0);
    await shot(page, 'jira-improvement-plan');
  }));

test('disconnecting, after a confirmation', () =>
  failing('disconnect', async () => {
    await page.goto(srv.endpoint + '/#/settings');
    await jiraPanel().getByTestId('jira-status').getByText('Configured').waitFor();
    await page.getByTestId('jira-disconnect').click();
    await page.getByRole('dialog').getByText('The issues stay in Jira').waitFor();
    assert.equal((await api('GET', '/global-settings')).JiraConfiguration.IntegrationStatus, 'CONFIGURED', 'nothing before confirming');
    await page.getByTestId('confirm-jira-disconnect').click();
    await page.getByText('Disconnected the account from Jira at 127.0.0.1.').waitFor();
    await jiraPanel().getByTestId('jira-status').getByText('Not configured').waitFor();
    await jiraPanel().getByTestId('jira-connect-help').waitFor();
    assert.equal((await api('GET', '/global-settings')).JiraConfiguration.IntegrationStatus, 'NOT_CONFIGURED');

    await page.goto(`${srv.endpoint}/#/workloads/${workloadId}/lens/wellarchitected`);
    await page.getByRole('heading', { name: 'AWS Well-Architected Framework', level: 1 }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.getByTestId('sync-jira').count(), 0, 'no sync without a connection');
    assert.deepEqual(pageErrors, []);
  }));
