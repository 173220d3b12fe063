// Automated evidence in the console: `wat scan --workload` uploads a scan of
// infrastructure code, the review page shows the evidence beside each best
// practice it covers, and "Apply suggestion" answers from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer } from './server.mjs';
import { launch, signIn, shot } from './browser.mjs';

const run = promisify(execFile);
const bin = process.env.WAT_BIN || resolve(import.meta.dirname, '../../bin/wat');
const fixture = resolve(import.meta.dirname, '../../api/testdata/evidence/app.yaml');
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('scan evidence beside the practices, and applying a suggestion', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signIn(page, srv);
  const id = await page.evaluate(async () => {
    const s = await (await fetch('/console/api/session')).json();
    const r = await fetch('/workloads', {
      method: 'POST',
      headers: { 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ WorkloadName: 'Scanned app', Description: 'evidence from code', ReviewOwner: 'platform team', Environment: 'PRODUCTION', AwsRegions: ['us-east-1'], Lenses: ['wellarchitected'], ClientRequestToken: 'ev-1' }),
    });
    return (await r.json()).WorkloadId;
  });
  // Upload the scan as the server's admin, signed with the credentials file.
  await run(bin, ['scan', fixture, '--workload', id, '--endpoint-url', srv.endpoint], {
    env: { ...process.env, AWS_SHARED_CREDENTIALS_FILE: join(srv.dataDir, 'credentials'), AWS_CONFIG_FILE: '/nonexistent' },
  });
  const suggestions = await page.evaluate(async (id) => {
    const s = await (await fetch('/console/api/session')).json();
    const r = await fetch(`/workloads/${id}/lensReviews/wellarchitected/suggestedAnswers`, { headers: { 'X-CSRF-Token': s.csrfToken } });
    return (await r.json()).SuggestedAnswers;
  }, id);
  const target = suggestions.find((s) => s.HasChanges && s.PassingChoices.length > 0);
  assert.ok(target, 'a question the scan can answer');

  await page.goto(srv.endpoint + `/#/workloads/${id}/lens/wellarchitected/review/${target.QuestionId}`);
  const passing = target.PassingChoices[0];
  const mark = page.locator(`[data-evidence="${passing}"]`);
  await mark.getByText('Scan evidence: passes').waitFor();
  // The checks behind it, from ListCheckDetails.
  await mark.getByText('Scan evidence', { exact: true }).click();
  await mark.getByText('Passes').first().waitFor();
  await shot(page, 'evidence-review');
  assert.equal(await page.locator(`[data-choice="${passing}"] input`).isChecked(), false);
  await page.getByTestId('apply-suggestion').click();
  await page.locator(`[data-choice="${passing}"] input:checked`).waitFor();
  await page.getByTestId('apply-suggestion').waitFor({ state: 'detached' });
  // The answer stored is the suggestion.
  const answer = await page.evaluate(
    async ({ id, q }) => {
      const s = await (await fetch('/console/api/session')).json();
      await new Promise((r) => setTimeout(r, 300));
      const r = await fetch(`/workloads/${id}/lensReviews/wellarchitected/answers/${q}`, { headers: { 'X-CSRF-Token': s.csrfToken } });
      return (await r.json()).Answer;
    },
    { id, q: target.QuestionId },
  );
  assert.deepEqual([...answer.SelectedChoices].sort(), [...target.SuggestedChoices].sort());
  assert.equal(answer.Risk, target.SuggestedRisk);

  // The rest at once, from the lens's page, after confirming.
  const rest = suggestions.filter((s) => s.HasChanges && !s.SkipReason && s.QuestionId !== target.QuestionId);
  await page.goto(srv.endpoint + `/#/workloads/${id}/lens/wellarchitected`);
  await page.getByTestId('apply-all-suggestions').click();
  await page.getByRole('button', { name: `Apply to ${rest.length} questions` }).click();
  await page.getByText(`Applied the scan's suggestions to ${rest.length} questions.`).waitFor();
  await page.getByTestId('apply-all-suggestions').waitFor({ state: 'detached' });
  const after = await page.evaluate(async (id) => {
    const s = await (await fetch('/console/api/session')).json();
    const r = await fetch(`/workloads/${id}/lensReviews/wellarchitected/suggestedAnswers`, { headers: { 'X-CSRF-Token': s.csrfToken } });
    return (await r.json()).SuggestedAnswers;
  }, id);
  assert.deepEqual(after.filter((s) => s.HasChanges && !s.SkipReason).map((s) => s.QuestionId), []);
  await shot(page, 'evidence-applied');
  await page.close();
});
