// Accessibility of the main pages: axe-core's WCAG 2.1 A and AA rules run
// in the page (labels, names, roles, contrast, landmarks, ...), and the
// review can be answered with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { launch, signIn } from './browser.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let srv, browser, context, page, id;

before(async () => {
  srv = await startServer();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await signIn(page, srv);
  id = await page.evaluate(async () => {
    const s = await (await fetch('/console/api/session')).json();
    const h = { 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' };
    const r = await fetch('/workloads', {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ WorkloadName: 'Accessible workload', Description: 'checked by axe', ReviewOwner: 'a11y team', Environment: 'PRODUCTION', AwsRegions: ['us-east-1'], Lenses: ['wellarchitected'], ClientRequestToken: 'a11y-1' }),
    });
    const w = await r.json();
    await fetch(`/workloads/${w.WorkloadId}/lensReviews/wellarchitected/answers/priorities`, { method: 'PATCH', headers: h, body: JSON.stringify({ SelectedChoices: ['ops_priorities_no'] }) });
    await fetch(`/workloads/${w.WorkloadId}/milestones`, { method: 'POST', headers: h, body: JSON.stringify({ MilestoneName: 'First', ClientRequestToken: 'a11y-m1' }) });
    return w.WorkloadId;
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function axe(route, ready) {
  await page.goto(srv.endpoint + '/' + route);
  await page.reload(); // a new hash alone would keep the page's data
  await ready();
  await page.waitForTimeout(300);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `${route}: ${JSON.stringify(violations, null, 1)}`);
}

const pages = [
  ['#/', () => page.getByTestId('dashboard-reviews').getByText('Accessible workload').waitFor()],
  ['#/workloads', () => page.getByTestId('workloads-table').getByText('Accessible workload').waitFor()],
  ['#/workloads/new', () => page.getByRole('heading', { name: 'Define workload', level: 1 }).waitFor()],
  [() => `#/workloads/${id}`, () => page.getByTestId('start-reviewing').waitFor()],
  [() => `#/workloads/${id}?tab=milestones`, () => page.getByTestId('milestones-table').getByText('First').waitFor()],
  [() => `#/workloads/${id}?tab=properties`, () => page.getByRole('heading', { name: 'Workload properties' }).waitFor()],
  [() => `#/workloads/${id}/lens/wellarchitected/review/priorities`, () => page.getByTestId('question-risk').getByText('High risk').waitFor()],
  [() => `#/workloads/${id}/lens/wellarchitected?tab=improvements`, () => page.getByTestId('improvement-plan').getByText('How do you determine').waitFor()],
  [() => `#/workloads/${id}/compare?from=1`, () => page.getByTestId('compare-answers').waitFor()],
  ['#/lens-catalog', () => page.getByTestId('catalog-table').getByText('Amazon DynamoDB').waitFor()],
  ['#/lens-catalog/amazon-ecs', () => page.getByTestId('install-entry').waitFor()],
];

for (const [route, ready] of pages) {
  test(`no WCAG 2.1 AA violations on ${typeof route === 'string' ? route : route.toString().replace(/^\(\) => `|`$/g, '')}`, async () => {
    await axe(typeof route === 'string' ? route : route(), ready);
  });
}

test('a question can be answered with the keyboard alone', async () => {
  await page.goto(srv.endpoint + `/#/workloads/${id}/lens/wellarchitected/review/priorities`);
  const risk = page.getByTestId('question-risk');
  await risk.getByText('High risk').waitFor();
  // Tab from "Question does not apply" to the first best practice and press Space.
  await page.getByLabel('Question does not apply to this workload').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.closest('[data-choice]')?.getAttribute('data-choice'));
  assert.equal(focused, 'ops_priorities_ext_cust_needs');
  await page.keyboard.press('Space');
  await page.locator('[data-choice="ops_priorities_ext_cust_needs"] input:checked').waitFor();
  // Unchecks "None of these": the answer is now one practice, still high risk.
  assert.equal(await page.locator('[data-choice="ops_priorities_no"] input').isChecked(), false);
  await risk.getByText('High risk').waitFor();
});

test('a best practice that does not apply is stored with its reason and details', async () => {
  await page.goto(srv.endpoint + `/#/workloads/${id}/lens/wellarchitected/review/priorities`);
  await page.reload();
  await page.getByTestId('question-risk').waitFor();
  await page.getByText("Mark best practice(s) that don't apply").click();
  await page.getByText('Evaluate tradeoffs while managing benefits and risks does not apply').click();
  await page.getByRole('button', { name: /^Reason Evaluate tradeoffs/ }).click();
  await page.getByRole('option', { name: 'Business priorities' }).click();
  await page.getByLabel('Details why Evaluate tradeoffs while managing benefits and risks does not apply').fill('Decided by the board');
  await page.waitForTimeout(1200);
  const c = await page.evaluate(async (id) => {
    const s = await (await fetch('/console/api/session')).json();
    const r = await fetch(`/workloads/${id}/lensReviews/wellarchitected/answers/priorities`, { headers: { 'X-CSRF-Token': s.csrfToken } });
    return (await r.json()).Answer.ChoiceAnswers.find((x) => x.ChoiceId === 'ops_priorities_eval_tradeoffs');
  }, id);
  assert.deepEqual({ Status: c.Status, Reason: c.Reason, Notes: c.Notes }, { Status: 'NOT_APPLICABLE', Reason: 'BUSINESS_PRIORITIES', Notes: 'Decided by the board' });
  // The practice's own box is now disabled and says so.
  await page.locator('[data-choice="ops_priorities_eval_tradeoffs"]').getByText('(does not apply)').waitFor();
});
