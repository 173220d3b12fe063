// "Start generation" in a real browser against a real server: scan
// evidence uploaded over the API for two workloads, a generation narrowed
// in the dialog to one workload and one practice with an additional
// context (after the API's field errors were shown on the fields, keeping
// what was typed), its recommendations as ListAgentRecommendations answers
// them, and a recommendation's items paged through with their NextToken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ACCOUNT, REGION, agentWorkload, closeConsole, openConsole } from './agent_setup.mjs';
import { shot } from './browser.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOP_FLAGGED = 60; // more than a page of items (50)
let srv, page, api, ui;
const pageErrors = [];
before(async () => {
  ui = await openConsole({ height: 1000, pageErrors });
  ({ srv, page, api } = ui);
});
after(() => closeConsole(ui));

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** workload creates a workload of the profile's account and Region. */
const workload = (name) => agentWorkload(api, name, 'Scanned for the Agent');

/** evidence uploads a scan in which one rule flags n resources of file,
 * every tenth line, as `wat scan --workload` would. */
async function evidence(id, choiceId, prefix, file, n) {
  const flagged = Array.from({ length: n }, (_, i) => ({ Status: 'FAIL', Resource: `aws_s3_bucket.${prefix}${i + 1}`, Type: 'aws_s3_bucket', File: file, Line: (i + 1) * 10, Reason: 'public access is not blocked' }));
  const out = await api('PUT', `/workloads/${id}/lensReviews/wellarchitected/evidence`, {
    Tool: 'wat console test',
    Rules: [{ Id: 'test.s3-public-access', Title: 'S3 buckets block public access', Description: 'Every bucket blocks public access.', Severity: 'high', ChoiceIds: [choiceId], Passed: 0, Flagged: flagged }],
  });
  assert.equal(out.RuleCount, 1);
}

/** select picks an option of a Cloudscape Multiselect by its label. */
async function select(label, option) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

test('a generation narrowed in the dialog, with a context, and its items paged through', async () => {
  const shop = await workload('Scoped shop');
  const blog = await workload('Scoped blog');
  const { AnswerSummaries } = await api('GET', `/workloads/${shop}/lensReviews/wellarchitected/answers?PillarId=security&MaxResults=50`);
  const practice = AnswerSummaries[0].Choices.find((c) => !/_no$/.test(c.ChoiceId));
  await evidence(shop, practice.ChoiceId, 'shop', 'infra/storage.tf', SHOP_FLAGGED);
  await evidence(blog, practice.ChoiceId, 'blog', 'blog/main.tf', 3);
  const profile = await api('POST', '/api/v1/agent-profiles', {
    name: 'scoped-profile',
    businessOverview: 'An online shop and its blog',
    pillars: ['SECURITY', 'RESILIENCE'],
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/AgentExecution`,
    aggregationConfiguration: [{ accountId: ACCOUNT, regions: [REGION], accessRoleArn: `arn:aws:iam::${ACCOUNT}:role/AgentAccess` }],
  });
  const profilePath = `/api/v1/agent-profiles/${encodeURIComponent(profile.arn)}`;

  // The dialog starts from the profile's pillars, and passes axe.
  await page.goto(`${srv.endpoint}/#/agent/${encodeURIComponent(profile.arn)}`);
  await page.getByRole('heading', { name: 'scoped-profile', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Start generation' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('agent-narrowing-SECURITY').waitFor();
  await dialog.getByTestId('agent-narrowing-RESILIENCE').waitFor();
  assert.equal(await dialog.getByTestId('agent-narrowing-PERFORMANCE').count(), 0);
  await page.waitForTimeout(300);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('[role="dialog"]'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

  // What is no ID at all is refused before it is sent.
  const typed = dialog.getByLabel('Security IDs');
  await typed.fill('bad!id');
  await dialog.getByText('Not IDs: bad!id').waitFor();
  assert.equal(await dialog.getByTestId('agent-generation-start').isDisabled(), true);

  // An ID of nothing: the API's error on the field it was typed in, and
  // the context typed kept.
  const contextText = 'Scoped shop takes the payments';
  await typed.fill('no-such-practice');
  await dialog.getByLabel('Additional context').fill(contextText);
  await dialog.getByTestId('agent-generation-start').click();
  await dialog.getByTestId('agent-narrowing-SECURITY').getByText('no-such-practice names neither a workload').waitFor();
  assert.equal(await dialog.getByLabel('Additional context').inputValue(), contextText);
  assert.equal(await typed.inputValue(), 'no-such-practice');
  assert.equal((await api('GET', `${profilePath}/generations`)).items.length, 0);

  // A context over the bound: counted as typed, and the API's refusal on it.
  await typed.fill('');
  assert.equal(await dialog.getByText('no-such-practice names neither a workload').count(), 0, 'the message on what was changed is gone');
  await dialog.getByLabel('Additional context').fill('x'.repeat(10001));
  await dialog.getByText('10,003 of 10,000 bytes').waitFor();
  await dialog.getByTestId('agent-generation-start').click();
  await dialog.getByTestId('agent-generation-context-field').getByText('The additional context is 10003 bytes long').waitFor();
  assert.equal((await api('GET', `${profilePath}/generations`)).items.length, 0);

  // Security narrowed to the shop and one practice picked from the framework's.
  await dialog.getByLabel('Additional context').fill(contextText);
  await dialog.getByText(`${contextText.length + 2} of 10,000 bytes`).waitFor();
  assert.equal(await dialog.getByText('The additional context is 10003 bytes long').count(), 0);
  assert.equal(await dialog.getByText('The generation was not started').count(), 0, 'no error left once its fields changed');
  await select(/Security workloads/, /^Scoped shop/);
  await select(/Security practices/, new RegExp('^' + escape(practice.Title)));
  await shot(page, 'agent-start-generation');
  await dialog.getByTestId('agent-generation-start').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('agent-generations-table').getByText('Completed').waitFor({ timeout: 30000 });

  const { items: gens } = await api('GET', `${profilePath}/generations`);
  assert.equal(gens.length, 1);
  const gen = await api('GET', `${profilePath}/generations/${gens[0].id}`);
  assert.deepEqual(gen.scope.pillars, ['SECURITY', 'RESILIENCE']);
  assert.deepEqual(gen.scope.items, [{ pillar: 'SECURITY', ids: [shop, practice.ChoiceId] }]);
  assert.equal(gen.additionalContext, contextText);

  // The recommendations shown are those the API lists.
  const listed = (await api('GET', `${profilePath}/recommendations?maxResults=100`)).items;
  const recs = page.getByTestId('agent-recommendations-table');
  const target = listed.find((r) => r.title === practice.Title);
  assert.ok(target, `a recommendation for ${practice.Title} among ${JSON.stringify(listed.map((r) => r.title))}`);
  await recs.getByRole('link', { name: target.title, exact: true }).waitFor();
  const shown = await recs.locator('tbody tr a').allTextContents();
  assert.deepEqual([...shown].sort(), listed.map((r) => r.title).sort().slice(0, 20));
  const security = listed.filter((r) => r.pillar === 'SECURITY');
  assert.deepEqual(security.map((r) => r.title), [practice.Title], 'security narrowed to one practice');

  // Its items, a page at a time, as the API pages them: the shop's only.
  await recs.getByRole('link', { name: target.title, exact: true }).click();
  await page.getByRole('heading', { name: target.title, level: 1 }).waitFor();
  await page.getByText('additional context mentions: Scoped shop').waitFor();
  const itemsPath = `/api/v1/agent-recommendations/${encodeURIComponent(target.recommendationArn)}/items?maxResults=50`;
  const first = await api('GET', itemsPath);
  assert.equal(first.items.length, 50);
  assert.ok(first.nextToken, 'a second page of items');
  const second = await api('GET', `${itemsPath}&nextToken=${encodeURIComponent(first.nextToken)}`);
  assert.equal(second.items.length, SHOP_FLAGGED - 50);
  const table = page.getByTestId('agent-items-table');
  const where = (items) => items.map((it) => `${it.metadata.file}:${it.metadata.line}`);
  const rows = () => table.locator('tbody tr td:nth-child(3)').allTextContents();
  await table.getByText('infra/storage.tf:10', { exact: true }).waitFor();
  assert.deepEqual(await rows(), where(first.items));
  await page.getByRole('button', { name: 'Next page of items' }).click();
  await table.getByText('infra/storage.tf:510', { exact: true }).waitFor();
  assert.deepEqual(await rows(), where(second.items));
  const row = table.locator('tbody tr', { hasText: 'aws_s3_bucket.shop55' });
  assert.equal(await row.locator('td').nth(2).textContent(), 'infra/storage.tf:550');
  assert.equal(await table.locator('tbody tr', { hasText: 'aws_s3_bucket.blog' }).count(), 0);
  await page.getByRole('button', { name: 'Previous page of items' }).click();
  await table.getByText('infra/storage.tf:10', { exact: true }).waitFor();
  await shot(page, 'agent-recommendation-items');
  assert.deepEqual(pageErrors, []);
});
