// A workload's pages as a user reads them: non-AWS Regions with spaces kept
// whole and their lengths checked before submitting, the improvement plan's
// risks on one line at any width, and the risks over milestones ending with
// the workload as it is now. Results are read back over the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, signIn, shot, callAPI } from './browser.mjs';

let srv, browser, page;
const pageErrors = [];
before(async () => {
  srv = await startServer();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
});
after(async () => (await browser?.close(), await srv?.stop()));

/** api calls the API from the page, with the session's CSRF token, as the console does. */
const api = (method, path, body) => callAPI(page, method, path, body);

async function failing(name, f) {
  try {
    await f();
  } catch (e) {
    await shot(page, 'failure-workloads-' + name);
    throw e;
  }
}

async function fillWorkload(name, nonAws) {
  await page.goto(srv.endpoint + '/#/workloads/new');
  await page.getByRole('heading', { name: 'Define workload', level: 1 }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill('Runs in our own data centres');
  await page.getByLabel('Review owner', { exact: true }).fill('platform@example.com');
  await page.getByText('Production', { exact: true }).click();
  await page.getByLabel('Non-AWS Regions', { exact: true }).fill(nonAws);
}

test('a non-AWS Region with a space is one Region', () =>
  failing('regions', async () => {
    await fillWorkload('On-premises workload', 'On-premises DC, Edge-Site 7');
    await page.getByTestId('submit-workload').click();
    await page.getByRole('heading', { name: 'On-premises workload', level: 1 }).waitFor();
    const id = decodeURIComponent(/#\/workloads\/([^/?]+)/.exec(page.url())[1]);
    const { Workload } = await api('GET', `/workloads/${id}`);
    assert.deepEqual(Workload.NonAwsRegions, ['On-premises DC', 'Edge-Site 7']);

    // Editing keeps them whole too.
    await page.goto(`${srv.endpoint}/#/workloads/${id}/edit`);
    await page.getByRole('heading', { name: 'Edit workload', level: 1 }).waitFor();
    const field = page.getByLabel('Non-AWS Regions', { exact: true });
    await page.waitForFunction(() => document.querySelector('input[aria-label="Non-AWS Regions"]')?.value);
    assert.equal(await field.inputValue(), 'On-premises DC, Edge-Site 7');
    await field.fill('On-premises DC, Edge-Site 7, Branch office 12');
    await page.getByTestId('submit-workload').click();
    await page.getByRole('heading', { name: 'On-premises workload', level: 1 }).waitFor();
    const again = await api('GET', `/workloads/${id}`);
    assert.deepEqual(again.Workload.NonAwsRegions, ['On-premises DC', 'Edge-Site 7', 'Branch office 12']);
  }));

test('a non-AWS Region shorter than 3 or longer than 25 characters is refused by the form', () =>
  failing('region-lengths', async () => {
    const sent = [];
    const onRequest = (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/workloads' && sent.push(r.url());
    page.on('request', onRequest);
    try {
      for (const [bad, n] of [
        ['DC', 2],
        ['A region name 26 chars lng', 26],
      ]) {
        assert.equal(bad.length, n);
        await fillWorkload('Refused region ' + n, `On-premises DC, ${bad}`);
        await page.getByTestId('submit-workload').click();
        // exact: not the live region's copy ("Error Each …"), which
        // Cloudscape fills a second after the message appears.
        await page.getByText(`Each non-AWS Region has 3 to 25 characters: "${bad}" has ${n}.`, { exact: true }).waitFor();
        await page.waitForTimeout(200);
        assert.equal(await page.getByRole('heading', { name: 'Define workload', level: 1 }).count(), 1);
      }
      // 3 and 25 characters are fine.
      await fillWorkload('Edge lengths', `DC1, ${'y'.repeat(25)}`);
      await page.getByTestId('submit-workload').click();
      await page.getByRole('heading', { name: 'Edge lengths', level: 1 }).waitFor();
    } finally {
      page.off('request', onRequest);
    }
    assert.equal(sent.length, 1, 'the form sent a workload it should have refused');
  }));

/** workloadWithHighRisks defines a workload over the API and answers its
 * first n questions with "None of these" (each a high risk). */
async function workloadWithHighRisks(name, n) {
  const { WorkloadId: id } = await api('POST', '/workloads', {
    WorkloadName: name,
    Description: 'Several high risks',
    ReviewOwner: 'owner@example.com',
    Environment: 'PRODUCTION',
    AwsRegions: ['us-east-1'],
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'risky-' + name,
  });
  const answers = `/workloads/${id}/lensReviews/wellarchitected/answers`;
  const { AnswerSummaries: qs } = await api('GET', answers + '?MaxResults=50');
  for (const q of qs.slice(0, n)) {
    const none = q.Choices.find((c) => c.Title === 'None of these');
    await api('PATCH', `${answers}/${q.QuestionId}`, { SelectedChoices: [none.ChoiceId] });
  }
  return id;
}

/** lines counts the rendered lines of each element's text. */
const lines = (locator) =>
  locator.evaluateAll((els) =>
    els.map((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
    }),
  );

test("the improvement plan's risks stay on one line, wide or narrow", () =>
  failing('risk-column', async () => {
    const id = await workloadWithHighRisks('Risky workload', 8);
    await page.goto(`${srv.endpoint}/#/workloads/${id}/lens/wellarchitected`);
    await page.getByRole('tab', { name: 'Improvement plan' }).click();
    const plan = page.getByTestId('improvement-plan');
    const risks = plan.getByText('High risk', { exact: true });
    await risks.first().waitFor();
    assert.equal(await risks.count(), 8);
    for (const width of [1280, 700]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      await shot(page, `improvement-plan-${width}`);
      assert.deepEqual(await lines(risks), Array(8).fill(1), `"High risk" broken over lines at ${width} pixels`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }));

/** xValues reads the x-axis labels of the risks-over-milestones chart. */
const xValues = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('svg[aria-label="High and medium risks over milestones"] [role="list"][aria-label="Milestone"] [role="listitem"]')].map((g) =>
      g.getAttribute('aria-label'),
    ),
  );

test('risks over milestones: one milestone and the current state, then each milestone and the current state', () =>
  failing('milestone-chart', async () => {
    const id = await workloadWithHighRisks('Milestone workload', 2);
    await api('POST', `/workloads/${id}/milestones`, { MilestoneName: 'Initial review', ClientRequestToken: 'm1' });
    // Improve after the milestone: the current state differs from it.
    const answers = `/workloads/${id}/lensReviews/wellarchitected/answers`;
    const { AnswerSummaries: qs } = await api('GET', answers + '?MaxResults=50');
    await api('PATCH', `${answers}/${qs[0].QuestionId}`, { SelectedChoices: [qs[0].Choices.find((c) => c.Title !== 'None of these').ChoiceId] });

    await page.goto(`${srv.endpoint}/#/workloads/${id}`);
    await page.getByRole('tab', { name: 'Milestones' }).click();
    await page.getByRole('heading', { name: 'Risks over milestones' }).waitFor();
    await page.waitForFunction(() => document.querySelector('svg[aria-label="High and medium risks over milestones"] [aria-label="Milestone"] [role="listitem"]'));
    assert.deepEqual(await xValues(), ['Initial review', 'Current state']);
    // Each series is drawn as a line between the two points, not one dot.
    const paths = await page.locator('svg[aria-label="High and medium risks over milestones"] g[aria-label="High risks"] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
    assert.ok(paths.some((d) => /L/.test(d ?? '')), `no line drawn: ${paths}`);
    await shot(page, 'milestones-chart-one');

    await api('POST', `/workloads/${id}/milestones`, { MilestoneName: 'After fixes', ClientRequestToken: 'm2' });
    await page.reload();
    await page.getByRole('tab', { name: 'Milestones' }).click();
    await page.getByRole('heading', { name: 'Risks over milestones' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('svg[aria-label="High and medium risks over milestones"] [aria-label="Milestone"] [role="listitem"]').length === 3);
    assert.deepEqual(await xValues(), ['Initial review', 'After fixes', 'Current state']);
    assert.deepEqual(pageErrors, []);
  }));
