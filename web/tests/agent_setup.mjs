// What the Agent's browser tests share: a signed-in console over a fresh
// server, and workloads in the one account and Region their profiles
// aggregate.
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, signIn, callAPI } from './browser.mjs';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

/** openConsole starts wat serve (with serverArgs) and a browser signed in
 * to it; the page's uncaught errors go to pageErrors. */
export async function openConsole({ serverArgs = [], height = 900, pageErrors }) {
  const srv = await startServer(serverArgs);
  const browser = await launch();
  const page = await (await browser.newContext({ viewport: { width: 1400, height } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
  const api = (method, path, body) => callAPI(page, method, path, body);
  return { srv, browser, page, api };
}

/** closeConsole ends what openConsole started. */
export async function closeConsole(c) {
  await c?.browser?.close();
  await c?.srv?.stop();
}

/** agentWorkload creates a workload of ACCOUNT and REGION on the framework
 * lens and returns its ID. */
export async function agentWorkload(api, name, description) {
  const { WorkloadId } = await api('POST', '/workloads', {
    WorkloadName: name,
    Description: description,
    ReviewOwner: 'agent team',
    Environment: 'PRODUCTION',
    AccountIds: [ACCOUNT],
    AwsRegions: [REGION],
    Lenses: ['wellarchitected'],
    ClientRequestToken: name,
  });
  return WorkloadId;
}

/** answerHighRisk answers the workload's first question "None of these",
 * which makes it a HIGH risk for the engine to recommend on. */
export async function answerHighRisk(api, id) {
  const { AnswerSummaries } = await api('GET', `/workloads/${id}/lensReviews/wellarchitected/answers?MaxResults=1`);
  const q = AnswerSummaries[0];
  const none = q.Choices.find((c) => /none of these/i.test(c.Title));
  assert.ok(none, 'the first question has a "None of these" choice');
  const answered = await api('PATCH', `/workloads/${id}/lensReviews/wellarchitected/answers/${q.QuestionId}`, { SelectedChoices: [none.ChoiceId] });
  assert.equal(answered.Answer.Risk, 'HIGH');
}
