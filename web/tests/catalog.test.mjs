// The lens catalog page, in a real browser against a real server: finding
// an entry by text and by framework pillar, an entry's source, licence and
// repairs, installing it (and installing again, which changes nothing), the
// installed lens under Custom lenses, applying it to a workload and
// answering its review. The server also gets a team's catalog folder whose
// texts are markup, to show that the console renders catalog texts as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, shot, signIn, callAPI } from './browser.mjs';

// A team's lens whose name, description and a question's title are markup
// that would run script if the console ever put them into the DOM as HTML.
const HOSTILE_NAME = 'Team <img src=x onerror="window.__pwned=1"> lens';
const HOSTILE_DESC = '<script>window.__pwned=2</script><b onmouseover="window.__pwned=3">bold?</b>';
const HOSTILE_QUESTION = 'Is <iframe src="javascript:window.__pwned=4"></iframe> framed?';
const teamDir = mkdtempSync(join(tmpdir(), 'wat-team-catalog-'));
const lens = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/lens-valid.json'), 'utf8'));
lens.name = HOSTILE_NAME;
lens.description = HOSTILE_DESC;
lens.pillars[0].questions[0].title = HOSTILE_QUESTION;
writeFileSync(join(teamDir, 'team-lens.json'), JSON.stringify(lens, null, 2));

let srv, browser, page;
const pageErrors = [];
before(async () => {
  srv = await startServer(['--lens-catalog', teamDir]);
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  rmSync(teamDir, { recursive: true, force: true });
});

/** api calls the API from the page, with the session's CSRF token, as the console does. */
const api = (method, path, body) => callAPI(page, method, path, body);
const go = async (hash) => {
  await page.goto(srv.endpoint + '/' + hash);
  await page.reload(); // a new hash alone would keep the page's data
};
const table = () => page.getByTestId('catalog-table');
/** titles are the entries the table shows, by their links. */
const titles = () => table().locator('tbody tr a').allInnerTexts();
const until = async (what, check, ms = 5000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) assert.fail('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test('the side navigation leads to the catalog, whose text filter finds DynamoDB only', async () => {
  await go('#/');
  await page.getByRole('navigation').getByRole('link', { name: 'Lens catalog' }).click();
  await page.getByRole('heading', { name: 'Lens catalog', level: 1 }).waitFor();
  await table().getByRole('link', { name: 'Amazon DynamoDB' }).waitFor();
  const { LensCatalogEntries: all } = await api('GET', '/lensCatalog?MaxResults=50');
  assert.equal((await titles()).length, all.length, 'every entry listed');
  await page.getByLabel('Find lenses').fill('dynamo');
  await until('one match', async () => (await titles()).length === 1);
  assert.deepEqual(await titles(), ['Amazon DynamoDB']);
  await shot(page, 'catalog-search');
});

test('filtering by a framework pillar lists the entries the API lists for it', async () => {
  await go('#/lens-catalog');
  await table().getByRole('link', { name: 'Amazon DynamoDB' }).waitFor();
  const before = (await titles()).length;
  await page.getByTestId('catalog-pillar').getByRole('button').click();
  await page.getByRole('option', { name: 'Sustainability' }).click();
  const { LensCatalogEntries: want } = await api('GET', '/lensCatalog?Pillar=sustainability&MaxResults=50');
  assert.ok(want.length > 0 && want.length < before, `the pillar narrows the list (${want.length} of ${before})`);
  await until('the pillar filter', async () => (await titles()).length === want.length);
  assert.deepEqual((await titles()).sort(), want.map((e) => e.Title).sort());
  // The text filter applies within what the pillar left.
  await page.getByLabel('Find lenses').fill('dynamo');
  await until('both filters', async () => (await titles()).length <= 1);
  assert.deepEqual(await titles(), want.some((e) => e.EntryId === 'amazon-dynamodb') ? ['Amazon DynamoDB'] : []);
});

test('an entry shows its source, licence, repairs and a preview of its questions', async () => {
  await go('#/lens-catalog');
  await table().getByRole('link', { name: 'Amazon ECS' }).click();
  await page.getByRole('heading', { name: 'Amazon ECS', level: 1 }).waitFor();
  const entry = await api('GET', '/lensCatalog/amazon-ecs');
  const source = page.getByTestId('catalog-source');
  await source.getByText('MIT-0', { exact: true }).waitFor();
  await source.locator('code', { hasText: entry.Source.Commit }).waitFor();
  const repo = source.getByRole('link', { name: entry.Source.Repository });
  assert.match(await repo.getAttribute('href'), new RegExp(`^https://github\\.com/${entry.Source.Repository}/blob/${entry.Source.Commit}/`));
  assert.ok(entry.Repairs.length > 0, 'the ECS entry has repairs');
  const repairs = page.getByTestId('catalog-repairs');
  await repairs.getByText(entry.Repairs[0].Why.slice(0, 40)).waitFor();
  // The preview's pillars open to their questions.
  const preview = page.getByTestId('catalog-preview');
  await preview.getByRole('button', { name: new RegExp('^' + entry.Pillars[0].PillarName) }).click();
  const q = entry.Questions.find((x) => x.PillarId === entry.Pillars[0].PillarId);
  await preview.getByText(q.Title, { exact: true }).waitFor();
  await shot(page, 'catalog-entry');
});

test('installing shows a flash, marks the entry installed, lists the lens, and applies it to a workload', async () => {
  const { WorkloadId: id } = await api('POST', '/workloads', {
    WorkloadName: 'Catalog workload',
    Description: 'Reviewed with a catalog lens',
    ReviewOwner: 'catalog team',
    Environment: 'PRODUCTION',
    AwsRegions: ['eu-west-1'],
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'catalog-workload',
  });
  await go('#/lens-catalog/amazon-dynamodb');
  const install = page.getByTestId('install-entry');
  await install.getByText('Install', { exact: true }).waitFor();
  await install.click();
  await page.getByText(/^Installed Amazon DynamoDB as the custom lens ".+", version 1\.0\./).waitFor();
  await page.getByTestId('install-entry').getByText('Installed', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('install-entry').isDisabled(), true, 'installed: nothing to install');
  const entry = await api('GET', '/lensCatalog/amazon-dynamodb');
  assert.equal(entry.InstallStatus, 'INSTALLED');

  // Apply it to the workload, then answer a question of its review.
  const apply = page.getByTestId('apply-to-workload');
  await apply.getByTestId('apply-workload').getByRole('button').click();
  await page.getByRole('option', { name: /Catalog workload/ }).click();
  await apply.getByTestId('apply-lens').click();
  await page.getByText('Applied ' + entry.LensName + ' to Catalog workload.').waitFor();
  const w = await api('GET', `/workloads/${id}`);
  assert.ok(w.Workload.Lenses.includes(entry.InstalledLensArn), 'the workload has the lens');
  await apply.getByTestId('open-review').click();
  const risk = page.getByTestId('question-risk');
  await risk.waitFor();
  const first = entry.Questions[0];
  await page.getByRole('heading', { name: new RegExp('^1\\. ') }).waitFor();
  await page.locator('[data-choice] input[type="checkbox"]').first().check();
  const answerPath = `/workloads/${id}/lensReviews/${encodeURIComponent(entry.InstalledLensArn)}/answers/${first.QuestionId}`;
  await until('the answer saved', async () => (await api('GET', answerPath)).Answer.SelectedChoices?.length > 0);
  await shot(page, 'catalog-review');

  // The lens is a custom lens of the account now.
  await go('#/lenses');
  await page.getByTestId('lenses-owned').getByRole('link', { name: entry.LensName }).waitFor();

  // Installing again changes nothing: the API says so, and the page offers no install.
  const again = await api('POST', '/lensCatalog/amazon-dynamodb/install');
  assert.equal(again.Status, 'UNCHANGED');
  await go('#/lens-catalog/amazon-dynamodb');
  await page.getByTestId('install-entry').getByText('Installed', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('install-entry').isDisabled(), true);
  await go('#/lens-catalog');
  await page.getByLabel('Find lenses').fill('dynamo');
  await until('one match', async () => (await titles()).length === 1);
  await table().locator('tbody tr').getByText('Installed', { exact: true }).waitFor();
});

test("a team catalog's markup renders as text, never as elements or script", async () => {
  const { LensCatalogEntries: all } = await api('GET', '/lensCatalog?MaxResults=50');
  const team = all.find((e) => e.LensName === HOSTILE_NAME);
  assert.ok(team, 'the team entry is served, its name as written');
  await go('#/lens-catalog');
  await page.getByLabel('Find lenses').fill('team');
  await table().getByText(HOSTILE_DESC, { exact: true }).waitFor();
  await table().getByRole('link', { name: team.Title }).click();
  await page.getByRole('heading', { name: team.Title, level: 1 }).waitFor();
  await page.getByText(HOSTILE_DESC, { exact: true }).first().waitFor();
  const preview = page.getByTestId('catalog-preview');
  await preview.getByRole('button').first().click();
  await preview.getByText(HOSTILE_QUESTION, { exact: true }).waitFor();
  await page.getByTestId('install-entry').click();
  // The flash quotes the name too, as text.
  await page.getByText(`Installed ${team.Title} as the custom lens "${HOSTILE_NAME}"`).waitFor();
  // What the texts would have made, had they been parsed as HTML: none of it
  // exists, no handler ran, and the only scripts are the app's own files.
  const dom = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    injected: document.querySelectorAll('main img[src="x"], main iframe, main b[onmouseover], body script:not([src])').length,
    scripts: [...document.scripts].map((s) => new URL(s.src, location.href).pathname),
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
  }));
  assert.equal(dom.pwned, null);
  assert.equal(dom.injected, 0);
  assert.equal(dom.handlers, 0, 'no inline event handler in the DOM');
  assert.ok(dom.scripts.every((p) => p.startsWith('/assets/')), 'only the app\'s scripts: ' + dom.scripts.join(', '));
  assert.deepEqual(pageErrors, []);
});

// Every entry of the built-in catalog goes the whole way in the console:
// installed from its page, applied to a workload, one question of its
// review answered. An account holds at most 15 custom lenses, so each lens
// is taken off the workload and deleted (over the API) once its review has
// been answered.
test('every built-in entry installs, applies to a workload and is answered from the console', async () => {
  const { WorkloadId: id } = await api('POST', '/workloads', {
    WorkloadName: 'Every catalog lens',
    Description: 'Each catalog lens in turn',
    ReviewOwner: 'catalog team',
    Environment: 'PREPRODUCTION',
    AwsRegions: ['eu-west-1'],
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'catalog-every-lens',
  });
  const { LensCatalogEntries: entries } = await api('GET', '/lensCatalog?MaxResults=50');
  const builtin = entries.filter((e) => e.CatalogName === 'wat' && e.InstallStatus === 'NOT_INSTALLED');
  assert.ok(builtin.length >= 21, `${builtin.length} built-in entries left to install`);
  for (const summary of builtin) {
    await go(`#/lens-catalog/${summary.EntryId}`);
    const install = page.getByTestId('install-entry');
    await install.getByText('Install', { exact: true }).waitFor();
    await install.click();
    await page.getByTestId('install-entry').getByText('Installed', { exact: true }).waitFor();
    const entry = await api('GET', `/lensCatalog/${summary.EntryId}`);
    assert.equal(entry.InstallStatus, 'INSTALLED', summary.EntryId);

    const apply = page.getByTestId('apply-to-workload');
    await apply.getByTestId('apply-workload').getByRole('button').click();
    await page.getByRole('option', { name: /Every catalog lens/ }).click();
    await apply.getByTestId('apply-lens').click();
    await page.getByText('Applied ' + entry.LensName + ' to Every catalog lens.').waitFor();
    await apply.getByTestId('open-review').click();
    await page.getByTestId('question-risk').waitFor();
    await page.locator('[data-choice] input[type="checkbox"]').first().check();
    const arn = encodeURIComponent(entry.InstalledLensArn);
    const answerPath = `/workloads/${id}/lensReviews/${arn}/answers/${entry.Questions[0].QuestionId}`;
    await until(`${summary.EntryId}: the answer saved`, async () => (await api('GET', answerPath)).Answer.SelectedChoices?.length > 0);

    await api('PATCH', `/workloads/${id}/disassociateLenses`, { LensAliases: [entry.InstalledLensArn] });
    await api('DELETE', `/lenses/${arn}?ClientRequestToken=delete-${summary.EntryId}&LensStatus=ALL`);
  }
});
