// The pages beyond the review workflow, in a real browser against a real server:
// import a custom lens (a rejected one shows its problems per location), publish
// it after reviewing the changes, share, export, read it, upgrade a workload to a
// new major version, create a profile and a review template, answer a template
// question, and Settings for an admin and a user. Untrusted names stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, signIn, shot, callAPI } from './browser.mjs';

const bin = process.env.WAT_BIN || resolve(import.meta.dirname, '../../bin/wat');
/** admin runs `wat admin` on the test server's database, as an operator would. */
const admin = (...args) => JSON.parse(execFileSync(bin, ['admin', '--data-dir', srv.dataDir, ...args], { encoding: 'utf8' }));

const fixtures = resolve(import.meta.dirname, 'fixtures');
const XSS = '<img src=x onerror=window.__xss=1>';
const LENS = 'Team runbook lens';

let srv, browser, context, page;
const pageErrors = [];
before(async () => {
  srv = await startServer();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => (await browser?.close(), await srv?.stop()));

/** api calls the API from the page, with the session's CSRF token, as the console does. */
const api = (method, path, body) => callAPI(page, method, path, body);

async function noXss() {
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'an untrusted name ran a script');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'an untrusted name became an element');
}

const lensRow = (name) => page.getByTestId('lenses-owned').locator('tr', { hasText: name });
const go = (hash) => page.goto(srv.endpoint + '/' + hash);

test('custom lenses: import, problems per location, publish after review, share, detail', async () => {
  await go('#/lenses');
  await page.getByRole('heading', { name: 'Custom lenses', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Owned by me' }).waitFor();
  await page.getByText('You own no custom lens yet.').waitFor();

  // An invalid document: every problem is listed, its location first.
  await page.getByTestId('import-lens').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(resolve(fixtures, 'lens-invalid.json'));
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Lens JSON"]')?.value.includes('Broken lens'));
  await dialog.getByTestId('import-submit').click();
  const problems = dialog.getByTestId('import-problems');
  await problems.waitFor();
  const items = problems.locator(':scope > li');
  assert.equal(await items.count(), 3);
  const locations = await problems.getByTestId('problem-location').allInnerTexts();
  assert.deepEqual(locations, [
    'Line 10, column 21 · pillars[0].questions[0].id',
    'Line 11, column 20 · pillars[0].questions[0].title',
    'Line 12, column 63 · pillars[0].questions[0].helpfulResource.url',
  ]);
  assert.match(await items.nth(0).innerText(), /contains '-' at offset 3/);
  assert.match(await items.nth(2).innerText(), /"ftp:\/\/example.com\/guide" is not an absolute http:\/\/ or https:\/\/ URL/);
  await shot(page, 'lens-import-problems');

  // The valid document, from the file picker, imports as a draft.
  await dialog.locator('input[type=file]').setInputFiles(resolve(fixtures, 'lens-valid.json'));
  await page.waitForFunction((n) => document.querySelector('textarea[aria-label="Lens JSON"]')?.value.includes(n), LENS);
  await dialog.getByTestId('import-submit').click();
  await page.getByText('Lens imported as a draft.').waitFor();
  await lensRow(LENS).getByText('Draft').waitFor();

  // Publish: review the changes (a first version adds everything), then 1.0.
  await page.getByRole('radio', { name: `Select ${LENS}` }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await dialog.getByText('The lens has never been published').waitFor();
  const diff = dialog.getByTestId('version-diff');
  await diff.getByText('Operations').waitFor();
  await diff.getByText('Is there an on-call rotation?').waitFor();
  await diff.getByText('Is there a runbook for restoring service?').waitFor();
  await shot(page, 'lens-publish-review');
  await dialog.getByTestId('publish-next').click();
  await dialog.getByLabel('Version name').fill('1.0');
  assert.equal(await dialog.getByRole('checkbox', { name: 'This is a major version' }).isChecked(), true);
  await dialog.getByTestId('publish-submit').click();
  await page.getByText(`Published ${LENS} version 1.0.`).waitFor();
  await lensRow(LENS).getByText('Published').waitFor();
  assert.match(await lensRow(LENS).innerText(), /\b1\.0\b/);

  // Share with another account: the share is pending its acceptance.
  await page.getByRole('radio', { name: `Select ${LENS}` }).click();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByLabel('Share with').fill('123456789012');
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.locator('tr', { hasText: '123456789012' }).getByText('Pending').waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

  // Export downloads the lens's document.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), `${LENS}.json`);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.name, LENS);
  assert.equal(exported.pillars.length, 2);

  // A lens named with markup: pasted, imported, shown as text.
  const hostile = JSON.parse(readFileSync(resolve(fixtures, 'lens-valid.json'), 'utf8'));
  hostile.name = 'Hostile ' + XSS;
  hostile.description = XSS;
  await page.getByTestId('import-lens').click();
  await dialog.getByLabel('Lens JSON').fill(JSON.stringify(hostile, null, 2));
  await dialog.getByTestId('import-submit').click();
  await lensRow('Hostile').waitFor();
  assert.match(await lensRow('Hostile').innerText(), /Hostile <img src=x onerror=window.__xss=1>/);
  await noXss();
  await shot(page, 'lenses');

  // Delete the hostile lens after typing its name.
  await page.getByRole('radio', { name: `Select Hostile ${XSS}` }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByLabel('lens name to confirm').fill(hostile.name);
  await dialog.getByTestId('confirm-delete').click();
  await page.getByText(`Deleted ${hostile.name}.`).waitFor();
  await lensRow('Hostile').waitFor({ state: 'detached' });

  // The lens's page shows its pillars and questions from its document.
  await lensRow(LENS).getByRole('link', { name: LENS }).click();
  await page.getByRole('heading', { name: LENS, level: 1 }).waitFor();
  const content = page.getByTestId('lens-content');
  await content.getByText('Is there an on-call rotation?').waitFor();
  await content.getByText('Pages escalate when unanswered').waitFor();
  const guide = content.getByRole('link', { name: /On-call guide/ });
  assert.equal(await guide.getAttribute('rel'), 'noopener noreferrer');
  await shot(page, 'lens-detail');
});

test('notifications: a new major version, what changed, upgrade after a milestone', async () => {
  const lenses = await api('GET', '/lenses?LensType=CUSTOM_SELF');
  const lens = lenses.LensSummaries.find((l) => l.LensName === LENS);
  const w = await api('POST', '/workloads', {
    WorkloadName: 'Upgrade test workload',
    Description: 'A workload on the custom lens',
    Environment: 'PRODUCTION',
    ReviewOwner: 'owner@example.com',
    AwsRegions: ['us-east-1'],
    Lenses: [lens.LensAlias],
    ClientRequestToken: 'wl-upgrade',
  });
  const doc = JSON.parse(readFileSync(resolve(fixtures, 'lens-valid.json'), 'utf8'));
  doc.pillars[1].questions.push({
    id: 'rec_backups',
    title: 'Are backups restored in drills?',
    choices: [{ id: 'rec_backups_drill', title: 'Monthly restore drills', improvementPlan: { displayText: 'Drill restores.' } }],
    riskRules: [{ condition: 'default', risk: 'NO_RISK' }],
  });
  await api('PUT', '/importLens', { JSONString: JSON.stringify(doc), LensAlias: lens.LensAlias, ClientRequestToken: 'imp-2' });
  await api('POST', '/lenses/' + encodeURIComponent(lens.LensAlias) + '/versions', { LensVersion: '2.0', IsMajorVersion: true, ClientRequestToken: 'v-2' });

  await go('#/notifications');
  const row = page.getByTestId('notifications').locator('tr', { hasText: 'Upgrade test workload' });
  await row.getByText('Upgrade available').waitFor();
  assert.match(await row.innerText(), new RegExp(`${LENS}[\\s\\S]*1\\.0[\\s\\S]*2\\.0`));
  await page.getByRole('radio', { name: 'Select Upgrade test workload' }).click();
  const diff = page.getByTestId('version-diff');
  await diff.getByText('Recovery').waitFor();
  await diff.locator('li', { hasText: 'Are backups restored in drills?' }).getByText('Added').waitFor();
  await shot(page, 'notifications');
  await page.getByTestId('upgrade').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Milestone name').fill('Before the 2.0 upgrade');
  await dialog.getByTestId('upgrade-submit').click();
  await page.getByText('No notifications: every lens review uses its lens').waitFor();
  const ms = await api('POST', `/workloads/${w.WorkloadId}/milestonesSummaries`, {});
  assert.deepEqual(ms.MilestoneSummaries.map((m) => m.MilestoneName), ['Before the 2.0 upgrade']);
});

test('profiles: create by answering the profile questions; names render as text', async () => {
  await go('#/profiles');
  await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  await page.getByTestId('create-profile').click();
  await page.getByRole('heading', { name: 'Create profile', level: 1 }).waitFor();
  await page.getByTestId('submit-profile').click();
  await page.getByText('Enter a name of 3 to 100 characters.').waitFor();
  await page.getByText('Some fields need your attention.', { exact: true }).waitFor();
  const name = 'Retail ' + XSS;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill('Customer-facing retail workloads');
  // Every question taking exactly one choice: pick its first.
  const groups = page.getByRole('radiogroup');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').first().check();
  await page.getByRole('checkbox', { name: 'Privacy law' }).check();
  await shot(page, 'profile-form');
  await page.getByTestId('submit-profile').click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByText('Privacy law').waitFor();
  await noXss();
  await shot(page, 'profile-detail');
  // Edit: a new description and choice make a new profile version.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByRole('heading', { name: `Edit ${name}`, level: 1 }).waitFor();
  await page.getByLabel('Description', { exact: true }).fill('Customer-facing retail and payments');
  await page.getByRole('checkbox', { name: 'Financial' }).check();
  await page.getByTestId('submit-profile').click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByText('Customer-facing retail and payments').first().waitFor();
  await page.getByText('Privacy law, Financial').waitFor();
  await go('#/profiles');
  await page.getByTestId('profiles-self').getByRole('link', { name }).waitFor();
  await noXss();
  await shot(page, 'profiles');
});

test('review templates: create, answer a question', async () => {
  await go('#/templates');
  await page.getByTestId('create-template').click();
  await page.getByRole('heading', { name: 'Create review template', level: 1 }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Retail baseline');
  await page.getByLabel('Description', { exact: true }).fill('Answers every retail workload starts from');
  await page.getByLabel('Notes - optional').fill('Agreed with the architecture board.');
  await page.getByTestId('submit-template').click();
  await page.getByRole('heading', { name: 'Retail baseline', level: 1 }).waitFor();
  assert.equal(await page.getByTestId('template-answered').innerText(), '0/57');
  await shot(page, 'template-detail');
  await page.getByTestId('answer-template').click();
  await page.getByRole('heading', { name: /^1\. How do you determine what your priorities are\?/ }).waitFor();
  const status = page.getByTestId('template-answer-status');
  await status.getByText('Unanswered').waitFor();
  await page.locator('[data-choice="ops_priorities_ext_cust_needs"] input').check();
  await status.getByText('Answered', { exact: true }).waitFor();
  await page.getByRole('navigation', { name: 'Questions' }).getByText('Operational Excellence (1/11)').waitFor();
  // A practice that does not apply, with its reason, is stored as such.
  await page.getByText("Mark best practice(s) that don't apply").click();
  await page.getByText('Evaluate threat landscape does not apply').click();
  await page.getByLabel('Details why Evaluate threat landscape does not apply').fill('No external exposure');
  await page.waitForTimeout(1200);
  const stored = await page.evaluate(async () => {
    const s = await (await fetch('/console/api/session')).json();
    const h = { 'X-CSRF-Token': s.csrfToken };
    const list = await (await fetch('/reviewTemplates?MaxResults=50', { headers: h })).json();
    const arn = list.ReviewTemplates.find((t) => t.TemplateName === 'Retail baseline').TemplateArn;
    const r = await fetch(`/reviewTemplates/${encodeURIComponent(arn)}/lensReviews/wellarchitected/answers/priorities`, { headers: h });
    return (await r.json()).Answer.ChoiceAnswers.find((c) => c.ChoiceId === 'ops_priorities_eval_threat_landscape');
  });
  assert.equal(stored.Status, 'NOT_APPLICABLE');
  assert.equal(stored.Notes, 'No external exposure');
  await shot(page, 'template-answers');
  await page.getByRole('button', { name: 'Save and exit' }).click();
  await page.getByRole('heading', { name: 'Retail baseline', level: 1 }).waitFor();
  assert.equal(await page.getByTestId('template-answered').innerText(), '1/57');
  // Edit its name and notes; a name the API would refuse is caught first.
  await page.getByTestId('edit-template').click();
  await page.getByLabel('Template name').fill('Retail <baseline>');
  await page.getByText('A name may hold letters, digits, spaces').waitFor();
  await page.getByLabel('Template name').fill('Retail baseline 2027');
  await page.getByRole('dialog').getByLabel('Notes - optional').fill('Reviewed again in December.');
  await page.getByTestId('save-template').click();
  await page.getByRole('heading', { name: 'Retail baseline 2027', level: 1 }).waitFor();
  await page.getByText('Reviewed again in December.').waitFor();
  await go('#/templates');
  await page.getByTestId('templates-table').getByRole('link', { name: 'Retail baseline 2027' }).waitFor();
  await shot(page, 'templates');
});

test('settings: the admin sees the users and the audit log with the imports', async () => {
  await go('#/settings');
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  const users = page.getByTestId('users-table');
  await users.locator('tr', { hasText: ':user/admin' }).getByText('Admin', { exact: true }).waitFor();
  const audit = page.getByTestId('audit-table');
  await audit.getByText('ImportLens').first().waitFor();
  assert.ok((await audit.locator('tr', { hasText: 'ImportLens' }).count()) >= 3, 'the three imports are in the audit log');
  // The rejected import is there too, with its error.
  await audit.locator('tr', { hasText: 'ImportLens' }).filter({ hasText: 'ValidationException' }).first().waitFor();
  await audit.locator('tr', { hasText: 'CreateLensVersion' }).first().getByRole('radio').click();
  await page.getByText('Request parameters').waitFor();
  await page.getByText('"LensVersion": "2.0"').or(page.getByText('"LensVersion": "1.0"')).first().waitFor();
  await noXss();
  await shot(page, 'settings');
  // Organization sharing is refused to an account that manages no organization: the server says why.
  await page.getByText('Organization sharing: disabled').click();
  await page.getByTestId('save-settings').click();
  await page.getByText('The settings were not saved').waitFor();
  await page.getByText(/is not the management account of an organization/).first().waitFor();
  assert.deepEqual(pageErrors, []);
});

test('settings: a user who is not an admin sees its identity and a note instead', async () => {
  const { accountId } = await page.evaluate(async () => (await fetch('/console/api/session')).json());
  admin('create-user', '--account', accountId, '--name', 'reader', '--managed', 'WellArchitectedConsoleReadOnlyAccess');
  const { Password } = admin('set-password', '--account', accountId, '--user', 'reader', '--generate');
  const other = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const p = await other.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e));
  await p.goto(srv.endpoint + '/');
  await p.getByLabel('User name').fill('reader');
  await p.getByLabel('Password').fill(Password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await p.goto(srv.endpoint + '/#/settings');
  await p.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await p.getByText(`:user/reader`).waitFor();
  await p.getByTestId('admin-only').getByText("Only the account's admins see its users").waitFor();
  assert.equal(await p.getByTestId('users-table').count(), 0);
  assert.equal(await p.getByTestId('audit-table').count(), 0);
  await shot(p, 'settings-not-admin');
  await other.close();
  assert.deepEqual(errors, []);
});
