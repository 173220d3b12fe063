// The Agent section, in a real browser against a real server: a workload
// with a HIGH-risk framework question in the profile's scope, a profile
// created through the form (and the API's checks shown on it), a
// generation followed until it completes, a recommendation's steps, its
// status set and read back over the API, and feedback sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot } from './browser.mjs';
import { ACCOUNT, REGION, agentWorkload, answerHighRisk, closeConsole, openConsole } from './agent_setup.mjs';

let srv, page, api, ui;
const pageErrors = [];
before(async () => {
  ui = await openConsole({ pageErrors });
  ({ srv, page, api } = ui);
});
after(() => closeConsole(ui));

test('a profile created in the console generates recommendations whose status and feedback are saved', async () => {
  await answerHighRisk(api, await agentWorkload(api, 'Agent workload', 'Reviewed for the Agent'));

  // The side navigation leads to the profiles; the form shows the API's checks.
  await page.getByRole('navigation').getByRole('link', { name: 'Agent' }).click();
  await page.getByRole('heading', { name: 'Agent profiles', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByRole('heading', { name: 'Create agent profile', level: 1 }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('x');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByText('The profile was not created').waitFor();

  await page.getByLabel('Name', { exact: true }).fill('agent-profile');
  await page.getByLabel('Business overview').fill('An online shop');
  await page.getByLabel('Account IDs').fill(ACCOUNT);
  await page.getByLabel('Regions').fill(REGION);
  await page.getByLabel('Access role ARN').fill(`arn:aws:iam::${ACCOUNT}:role/AgentAccess`);
  await page.getByLabel('Execution role ARN').fill(`arn:aws:iam::${ACCOUNT}:role/AgentExecution`);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('heading', { name: 'agent-profile', level: 1 }).waitFor();

  const { items: profiles } = await api('GET', '/api/v1/agent-profiles');
  assert.equal(profiles.length, 1);
  assert.equal(profiles[0].eligibleForArchitectureGeneration, true, JSON.stringify(profiles[0].fieldErrors));

  // Generate, and watch the generation complete. The list read after the
  // start is held until the generation has completed on the server: a
  // generation that completes before the console first sees it must still
  // bring its recommendations (it is never polled).
  let held = 0;
  const genList = (url) => url.pathname.endsWith('/generations');
  await page.route(genList, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    held++;
    for (let i = 0; ; i++) {
      const response = await route.fetch();
      const { items } = await response.json();
      if (i === 300 || (items.length && items.every((g) => g.status === 'COMPLETED'))) return route.fulfill({ response });
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  await page.getByRole('button', { name: 'Start generation' }).click();
  await page.getByRole('dialog').getByTestId('agent-generation-start').click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  const gens = page.getByTestId('agent-generations-table');
  await gens.getByText('Completed').waitFor({ timeout: 30000 });
  const recs = page.getByTestId('agent-recommendations-table');
  const first = recs.locator('tbody tr a').first();
  await first.waitFor({ timeout: 10000 });
  assert.ok(held > 0, 'the list read after the start was held');
  await page.unroute(genList);
  assert.ok((await recs.locator('tbody tr a').count()) >= 1);
  await shot(page, 'agent-profile');

  // A recommendation: its steps, its status, feedback.
  await first.click();
  await page.getByTestId('agent-steps').locator('li').first().waitFor();
  await page.getByTestId('agent-roi').getByText('Not a monetary estimate').waitFor();
  const recArn = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await page.getByRole('button', { name: 'Suppress' }).click();
  await page.getByTestId('agent-recommendation-status').getByText('Suppressed').waitFor();
  const back = await api('GET', `/api/v1/agent-recommendations/${encodeURIComponent(recArn)}`);
  assert.equal(back.status, 'SUPPRESSED');

  await page.getByText('Not useful', { exact: true }).click();
  await page.getByLabel('Comments').fill('We already do this.');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText('your feedback was saved').waitFor();
  await shot(page, 'agent-recommendation');
  assert.deepEqual(pageErrors, []);
});

/** go opens a console route as a bookmark would. */
async function go(hash) {
  await page.goto(srv.endpoint + '/' + hash);
  await page.reload();
}

/** eventually waits up to 5 s for read() to give want, then asserts it. */
async function eventually(read, want) {
  for (let i = 0; i < 50 && (await read()) !== want; i++) await page.waitForTimeout(100);
  assert.equal(await read(), want);
}

/** select picks an option of a Cloudscape Select or Multiselect by its label. */
async function select(label, option) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a profile is edited, its goals and contexts are kept page by page, and its recommendations filter and sort', async () => {
  const { items: profiles } = await api('GET', '/api/v1/agent-profiles');
  const arn = profiles[0].arn;
  const profilePath = `/api/v1/agent-profiles/${encodeURIComponent(arn)}`;
  const before = await api('GET', profilePath);

  // Editing shows UpdateAgentProfile's field errors, then saves; the scope
  // not touched is not sent.
  await go(`#/agent/${encodeURIComponent(arn)}`);
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await page.getByRole('heading', { name: 'Edit agent profile agent-profile', level: 1 }).waitFor();
  await page.getByLabel('Business overview').filter({ hasText: 'An online shop' }).waitFor();
  await page.getByLabel('Execution role ARN').fill('agent');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('The profile was not saved').waitFor();
  assert.equal((await api('GET', profilePath)).executionRoleArn, before.executionRoleArn);
  await page.getByLabel('Execution role ARN').fill(`arn:aws:iam::${ACCOUNT}:role/AgentExecution2`);
  await page.getByLabel('Display name').fill('Shop agent');
  await page.getByLabel('Description').fill('Edited in the console');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Shop agent', level: 1 }).waitFor();
  const edited = await api('GET', profilePath);
  assert.equal(edited.displayName, 'Shop agent');
  assert.equal(edited.description, 'Edited in the console');
  assert.equal(edited.executionRoleArn, `arn:aws:iam::${ACCOUNT}:role/AgentExecution2`);
  assert.deepEqual(edited.aggregationConfiguration, before.aggregationConfiguration);

  // A goal: refused without pillars (the API's field error), then added,
  // edited, paged past and deleted.
  const goals = page.getByTestId('agent-goals-table');
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByLabel('Goal title').fill('Keep payments up');
  await page.getByTestId('agent-goal-save').click();
  await page.getByRole('dialog').getByText(/pillars/i).first().waitFor();
  await select(/Goal pillars/, 'Security');
  await page.getByTestId('agent-goal-save').click();
  await goals.getByText('Keep payments up').waitFor();
  const goalsPath = `${profilePath}/goals`;
  let listed = (await api('GET', goalsPath)).items;
  assert.deepEqual(listed.map((g) => [g.title, g.pillars]), [['Keep payments up', ['SECURITY']]]);

  await goals.getByRole('radio', { name: 'Select goal Keep payments up' }).check();
  await page.getByRole('button', { name: 'Edit goal' }).click();
  await page.getByLabel('Goal title').fill('Take payments all day');
  await page.getByTestId('agent-goal-save').click();
  await goals.getByText('Take payments all day').waitFor();
  assert.equal((await api('GET', goalsPath)).items[0].title, 'Take payments all day');

  for (let i = 1; i <= 10; i++) await api('POST', goalsPath, { title: `Goal ${String(i).padStart(2, '0')}`, pillars: ['RESILIENCE'], clientToken: `goal-${i}` });
  const secondPage = await api('GET', `${goalsPath}?maxResults=10&nextToken=${encodeURIComponent((await api('GET', `${goalsPath}?maxResults=10`)).nextToken)}`);
  assert.equal(secondPage.items.length, 1);
  await go(`#/agent/${encodeURIComponent(arn)}`);
  await goals.getByText('Goal 01').waitFor();
  assert.equal(await goals.locator('tbody tr').count(), 10);
  await page.getByRole('button', { name: 'Next page of goals' }).click();
  await goals.getByText(secondPage.items[0].title).waitFor();
  assert.equal(await goals.locator('tbody tr').count(), 1);
  await page.getByRole('button', { name: 'Previous page of goals' }).click();
  await goals.getByText('Take payments all day').waitFor();
  await goals.getByRole('radio', { name: 'Select goal Take payments all day' }).check();
  await page.getByRole('button', { name: 'Delete goal' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('Take payments all day');
  await page.getByTestId('confirm-delete').click();
  await page.getByText('Deleted goal Take payments all day.').waitFor();
  // The pages after the one read again are forgotten, then found again.
  const { nextToken: more } = await api('GET', `${goalsPath}?maxResults=10`);
  await eventually(() => page.getByRole('button', { name: /^Page \d of goals/ }).count(), more ? 2 : 1);
  listed = [...(await api('GET', `${goalsPath}?maxResults=100`)).items];
  assert.equal(listed.length, 10);
  assert.ok(!listed.some((g) => g.title === 'Take payments all day'));

  // An application context: added with its criticality, edited, deleted.
  const contexts = page.getByTestId('agent-contexts-table');
  const contextsPath = `${profilePath}/contexts`;
  await page.getByRole('button', { name: 'Add context' }).click();
  await page.getByLabel('Context title').fill('Checkout');
  await page.getByLabel('Application overview').fill('Takes the orders');
  await select(/^Criticality/, 'Mission critical');
  await page.getByTestId('agent-context-save').click();
  await contexts.getByText('Checkout').waitFor();
  let ctx = (await api('GET', contextsPath)).items;
  assert.deepEqual(ctx.map((c) => [c.title, c.content.criticality, c.content.applicationOverview]), [['Checkout', 'MISSION_CRITICAL', 'Takes the orders']]);
  await contexts.getByRole('radio', { name: 'Select context Checkout' }).check();
  await page.getByRole('button', { name: 'Edit context' }).click();
  await page.getByLabel('Context title').fill('Checkout and payments');
  await page.getByTestId('agent-context-save').click();
  await contexts.getByText('Checkout and payments').waitFor();
  ctx = (await api('GET', contextsPath)).items;
  assert.deepEqual(ctx.map((c) => [c.title, c.content.criticality]), [['Checkout and payments', 'MISSION_CRITICAL']]);
  await contexts.getByRole('radio', { name: 'Select context Checkout and payments' }).check();
  await page.getByRole('button', { name: 'Delete context' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('Checkout and payments');
  await page.getByTestId('confirm-delete').click();
  await page.getByText('Deleted context Checkout and payments.').waitFor();
  assert.equal((await api('GET', contextsPath)).items.length, 0);

  // The recommendations filtered by priority, then sorted by title, as the API lists them.
  const recs = page.getByTestId('agent-recommendations-table');
  const all = (await api('GET', `${profilePath}/recommendations?maxResults=100`)).items;
  assert.ok(all.length > 0 && all.every((r) => r.roi?.estimate), 'every recommendation estimates its return');
  const priority = all[0].priority;
  const want = all.filter((r) => r.priority === priority).map((r) => r.title);
  await recs.locator('tbody tr a').first().waitFor();
  await select(/Filter by priority/, { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' }[priority]);
  await recs.getByRole('heading', { name: new RegExp(`\\(${want.length}\\)`) }).waitFor();
  await recs.getByRole('columnheader', { name: /Title/ }).click();
  const shown = await recs.locator('tbody tr a').allTextContents();
  assert.deepEqual(shown, [...want].sort((a, b) => a.localeCompare(b)).slice(0, 20));
  await shot(page, 'agent-profile-edited');
  assert.deepEqual(pageErrors, []);
});
