// The Agent section, in a real browser against a real server: a workload
// with a HIGH-risk framework question in the profile's scope, a profile
// created through the form (and the API's checks shown on it), a
// generation followed until it completes, a recommendation's steps, its
// status set and read back over the API, and feedback sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, shot, signIn, callAPI } from './browser.mjs';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
let srv, browser, page;
const pageErrors = [];
before(async () => {
  srv = await startServer();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** api calls the API from the page, with the session's CSRF token, as the console does. */
const api = (method, path, body) => callAPI(page, method, path, body);

test('a profile created in the console generates recommendations whose status and feedback are saved', async () => {
  const { WorkloadId: id } = await api('POST', '/workloads', {
    WorkloadName: 'Agent workload',
    Description: 'Reviewed for the Agent',
    ReviewOwner: 'agent team',
    Environment: 'PRODUCTION',
    AccountIds: [ACCOUNT],
    AwsRegions: [REGION],
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'agent-workload',
  });
  const { AnswerSummaries } = await api('GET', `/workloads/${id}/lensReviews/wellarchitected/answers?MaxResults=1`);
  const q = AnswerSummaries[0];
  const none = q.Choices.find((c) => /none of these/i.test(c.Title));
  assert.ok(none, 'the first question has a "None of these" choice');
  const answered = await api('PATCH', `/workloads/${id}/lensReviews/wellarchitected/answers/${q.QuestionId}`, { SelectedChoices: [none.ChoiceId] });
  assert.equal(answered.Answer.Risk, 'HIGH');

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

  // Generate, and watch the generation complete.
  await page.getByRole('button', { name: 'Generate recommendations' }).click();
  const gens = page.getByTestId('agent-generations-table');
  await gens.getByText('Completed').waitFor({ timeout: 30000 });
  const recs = page.getByTestId('agent-recommendations-table');
  const first = recs.locator('tbody tr a').first();
  await first.waitFor({ timeout: 10000 });
  assert.ok((await recs.locator('tbody tr a').count()) >= 1);
  await shot(page, 'agent-profile');

  // A recommendation: its steps, its status, feedback.
  await first.click();
  await page.getByTestId('agent-steps').locator('li').first().waitFor();
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
