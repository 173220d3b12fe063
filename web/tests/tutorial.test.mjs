// The user guide's tutorial, end to end in a real browser against a real
// server: define "Retail Website - North America", answer questions, see
// the high risks, save "Version 1.0 - initial review", improve the answers,
// see the risks drop, compare the milestones and download the report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const NAME = 'Retail Website - North America';

test('the tutorial, end to end', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  try {
    await tutorial(page);
  } catch (e) {
    await shot(page, 'failure-tutorial');
    throw e;
  }
  assert.deepEqual(pageErrors, []);
  await context.close();
});

async function tutorial(page) {
  await signIn(page, srv);
  await shot(page, '01-dashboard-empty');

  // Define the workload; the form checks the fields before submitting.
  await page.getByRole('link', { name: 'Define workload' }).first().click();
  await page.getByRole('heading', { name: 'Define workload', level: 1 }).waitFor();
  await page.getByTestId('submit-workload').click();
  await page.getByText('Enter a name of 3 to 100 characters.').waitFor();
  await page.getByText('Choose an environment.').waitFor();
  await page.getByText('Enter the review owner: 3 to 255 characters.').waitFor();
  await shot(page, '02-define-workload-errors');
  await page.getByLabel('Name', { exact: true }).fill(NAME);
  await page.getByLabel('Description', { exact: true }).fill('Online store for customers in the United States and Canada');
  await page.getByLabel('Review owner', { exact: true }).fill('retail-architects@example.com');
  await page.getByText('Production', { exact: true }).click();
  await page.getByLabel('Non-AWS Regions', { exact: true }).fill('on-premises-dc1');
  await page.getByRole('button', { name: /^AWS Regions/ }).click();
  await page.getByRole('option', { name: /US East \(N. Virginia\)/ }).click();
  await page.keyboard.press('Escape');
  await shot(page, '03-define-workload');
  await page.getByTestId('submit-workload').click();
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  await shot(page, '04-workload-overview');

  // Start reviewing: the first question's risk follows the choices.
  await page.getByTestId('start-reviewing').click();
  await page.getByRole('heading', { name: /1\. How do you determine what your priorities are\?/ }).waitFor();
  const risk = page.getByTestId('question-risk');
  await page.locator('[data-choice="ops_priorities_ext_cust_needs"] input').check();
  await risk.getByText('High risk').waitFor();
  for (const c of ['ops_priorities_int_cust_needs', 'ops_priorities_governance_reqs', 'ops_priorities_compliance_reqs']) {
    await page.locator(`[data-choice="${c}"] input`).check();
  }
  await risk.getByText('Medium risk').waitFor();
  await shot(page, '05-review-question');
  // The second question: "None of these" is a high risk.
  await page.getByTestId('next').click();
  await page.getByRole('heading', { name: /^2\. / }).waitFor();
  await page.locator('[data-choice="ops_ops_model_no"] input').check();
  await risk.getByText('High risk').waitFor();
  await page.getByLabel('Notes', { exact: true }).fill('Ownership is informal today.');
  await page.getByTestId('save-exit').click();

  // The lens overview shows the high risks; the improvement plan lists them.
  await page.getByTestId('lens-high').waitFor();
  assert.equal(await page.getByTestId('lens-high').innerText(), '1');
  assert.equal(await page.getByTestId('lens-medium').innerText(), '1');
  await shot(page, '06-lens-overview');
  await page.getByRole('tab', { name: 'Improvement plan' }).click();
  const plan = page.getByTestId('improvement-plan');
  await plan.getByText('How do you structure your organization to support your business outcomes?').waitFor();
  await plan.getByText('How do you determine what your priorities are?').waitFor();
  await shot(page, '07-improvement-plan');

  // Save the first milestone from the workload's page.
  await page.getByRole('link', { name: NAME }).click();
  await page.getByTestId('save-milestone').click();
  await page.getByLabel('Milestone name').fill('Version 1.0 - initial review');
  await page.getByTestId('save-milestone-confirm').click();
  await page.getByText('Saved milestone 1: Version 1.0 - initial review.').waitFor();

  // Improve: every practice of the first two questions.
  await page.getByTestId('start-reviewing').click();
  await page.getByRole('heading', { name: /^1\. / }).waitFor();
  for (const c of ['ops_priorities_eval_threat_landscape', 'ops_priorities_eval_tradeoffs']) await page.locator(`[data-choice="${c}"] input`).check();
  await risk.getByText('No risk').waitFor();
  await page.getByTestId('next').click();
  await page.getByRole('heading', { name: /^2\. / }).waitFor();
  // Every practice, not "None of these" (which would clear them).
  const second = page.locator('[data-choice^="ops_ops_model_"]:not([data-choice="ops_ops_model_no"]) input');
  for (let i = 0; i < (await second.count()); i++) await second.nth(i).check();
  await risk.getByText('No risk').waitFor();
  await shot(page, '08-review-improved');
  await page.getByTestId('save-exit').click();
  await page.getByTestId('lens-high').waitFor();
  assert.equal(await page.getByTestId('lens-high').innerText(), '0');
  assert.equal(await page.getByTestId('lens-medium').innerText(), '0');

  // Compare the milestone with the current state.
  await page.getByRole('link', { name: NAME }).click();
  await page.getByRole('tab', { name: 'Milestones' }).click();
  const ms = page.getByTestId('milestones-table');
  await ms.getByText('Version 1.0 - initial review').waitFor();
  await ms.getByRole('checkbox', { name: 'Select Version 1.0 - initial review' }).check();
  await shot(page, '09-milestones');
  await page.getByTestId('compare-milestones').click();
  const changed = page.getByTestId('compare-answers');
  await changed.getByText('How do you structure your organization to support your business outcomes?').waitFor();
  await changed.getByText('How do you determine what your priorities are?').waitFor();
  await shot(page, '10-compare');

  // Download the report of the lens review.
  await page.goto(srv.endpoint + '/#/workloads');
  await page.getByRole('link', { name: NAME }).click();
  await page.getByRole('link', { name: 'AWS Well-Architected Framework' }).click();
  const report = page.getByTestId('generate-report');
  const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Generate report' }).click()]);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 10000, `report of ${pdf.length} bytes`);
  // The same report as a spreadsheet, a row per question and practice.
  await report.getByRole('button', { name: 'Other report formats' }).click();
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Excel \(XLSX\)/ }).click()]);
  assert.match(sheet.suggestedFilename(), /^Retail_Website_-_North_America-AWS_Well-Architected_Framework\.xlsx$/);
  assert.equal(readFileSync(await sheet.path()).subarray(0, 2).toString(), 'PK');

  // The dashboard counts the workload, with no risks left in its first answers.
  await page.goto(srv.endpoint + '/#/');
  await page.getByTestId('dashboard-reviews').getByText(NAME).waitFor();
  await shot(page, '11-dashboard');
  const [consolidated] = await Promise.all([page.waitForEvent('download'), page.getByTestId('consolidated-report').click()]);
  const all = readFileSync(await consolidated.path());
  assert.equal(all.subarray(0, 5).toString(), '%PDF-');
}
