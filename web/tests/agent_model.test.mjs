// The Agent's optional language model as the console shows it: wat serve
// pointed at a FAKE OpenAI-compatible endpoint (a small node:http server
// below, not a model) that refines the first recommendation it is shown;
// that recommendation's page marks its text as the model's and lists the
// trade-off, and another recommendation's page shows no mark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { shot } from './browser.mjs';
import { ACCOUNT, REGION, agentWorkload, answerHighRisk, closeConsole, openConsole } from './agent_setup.mjs';

let fake, srv, page, api, ui;
let refinedId; // the id the fake refined
const pageErrors = [];

/** startFakeModel answers chat completions with a refinement of the first recommendation of the prompt. */
function startFakeModel() {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const prompt = JSON.parse(JSON.parse(body).messages.find((m) => m.role === 'user').content);
      const first = prompt.recommendations[0];
      refinedId = first.id;
      const answer = {
        items: [
          {
            id: first.id,
            description: 'For an online shop, this protects checkout.',
            citations: [first.practiceId],
            mergeIds: [],
            tradeOffs: [
              { pillar: 'PERFORMANCE', title: 'Slower deploys', description: 'More steps', risk: 'LOW', mitigation: 'Automate them', citations: [first.practiceId] },
            ],
          },
        ],
      };
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer) } }] }));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

before(async () => {
  fake = await startFakeModel();
  ui = await openConsole({ serverArgs: ['--agent-model-url', `http://127.0.0.1:${fake.address().port}`, '--agent-model', 'fake-model'], pageErrors });
  ({ srv, page, api } = ui);
});
after(async () => {
  await closeConsole(ui);
  fake?.close();
});

test("a recommendation with the model's text is marked, with its trade-offs", async () => {
  await answerHighRisk(api, await agentWorkload(api, 'Model workload', 'Reviewed for the Agent'));
  const profile = await api('POST', '/api/v1/agent-profiles', {
    name: 'model-profile',
    businessOverview: 'An online shop',
    pillars: ['OPERATIONAL_EXCELLENCE'],
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/AgentExecution`,
    aggregationConfiguration: [{ accountId: ACCOUNT, regions: [REGION], accessRoleArn: `arn:aws:iam::${ACCOUNT}:role/AgentAccess` }],
  });
  const arn = encodeURIComponent(profile.arn);
  const gen = await api('POST', `/api/v1/agent-profiles/${arn}/generations`, { types: ['ARCHITECTURE'], scope: { pillars: ['OPERATIONAL_EXCELLENCE'] } });
  let status;
  for (let i = 0; i < 150 && status !== 'COMPLETED'; i++) {
    await new Promise((r) => setTimeout(r, 200));
    status = (await api('GET', `/api/v1/agent-profiles/${arn}/generations/${gen.id}`)).status;
  }
  assert.equal(status, 'COMPLETED');
  const { items } = await api('GET', `/api/v1/agent-profiles/${arn}/recommendations`);
  assert.ok(items.length >= 2, `${items.length} recommendations`);
  const refined = items.find((r) => r.recommendationArn.endsWith('/' + refinedId));
  const other = items.find((r) => r !== refined);
  assert.ok(refined, `the refined recommendation ${refinedId} is listed`);

  await page.goto(`${srv.endpoint}/#/agent-recommendations/${encodeURIComponent(refined.recommendationArn)}`);
  await page.getByText('For an online shop, this protects checkout.').waitFor();
  await page.getByTestId('agent-model-text').waitFor();
  assert.match(await page.getByTestId('agent-trade-offs').innerText(), /Slower deploys.*Automate them/s);
  await shot(page, 'agent-recommendation-model');

  await page.goto(`${srv.endpoint}/#/agent-recommendations/${encodeURIComponent(other.recommendationArn)}`);
  await page.getByRole('heading', { name: other.title, level: 1 }).waitFor();
  assert.equal(await page.getByTestId('agent-model-text').count(), 0);
  assert.deepEqual(pageErrors, []);
});
