// The help panel, in a real browser against a real server: a question's and
// a practice's Info open their texts (as the API returns them) in the tools
// drawer, a form field's opens its help (and the Application field it
// describes works), a custom lens's texts keep their lines and stay text, and
// the improvement plan writes each practice's steps out. The drawer is
// reachable with the keyboard and passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { resolve } from 'node:path';
import { artefacts, launch, signIn, callAPI } from './browser.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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
after(async () => (await browser?.close(), await srv?.stop()));

/** api calls the API from the page, with the session's CSRF token, as the console does. */
const api = (method, path, body) => callAPI(page, method, path, body);
const go = async (hash) => {
  await page.goto(srv.endpoint + '/' + hash);
  await page.reload(); // a new hash alone would keep the page's data
};
const workload = (name, lens) =>
  api('POST', '/workloads', {
    WorkloadName: name,
    Description: 'Help panel checks',
    ReviewOwner: 'help team',
    Environment: 'PRODUCTION',
    AwsRegions: ['eu-west-1'],
    Lenses: [lens],
    ClientRequestToken: 'help-' + name,
  }).then((w) => w.WorkloadId);
const answerPath = (id, lens, q) => `/workloads/${id}/lensReviews/${encodeURIComponent(lens)}/answers/${q}`;

/** plain is a lens text as a reader sees it once rendered: list markers
 * and a heading's colon gone, the lines run together. */
const plain = (s) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim().replace(/^([•\-*]|\d+[.)])\s+/, '').replace(/:$/, ''))
    .filter(Boolean)
    .join(' ');
/** shot saves what the window shows: the drawer sits beside the page's top. */
const shot = (name) => page.screenshot({ path: resolve(artefacts, name + '.png') });
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const panel = () => page.getByTestId('help-panel');
const info = (about) => page.getByRole('button', { name: `Info about ${about}`, exact: true });

/** helpShows waits for the drawer to show title and returns its text. */
async function helpShows(title) {
  await page.getByTestId('help-drawer').getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  await panel().waitFor();
  return panel().innerText();
}

async function noAxeViolations(what) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 1)}`);
}

test("a framework question's and practice's Info show their texts from the API in the help panel", async () => {
  const id = await workload('Framework help', 'wellarchitected');
  const { Answer } = await api('GET', answerPath(id, 'wellarchitected', 'priorities'));
  const choice = Answer.Choices[0];
  await go(`#/workloads/${id}/lens/wellarchitected/review/priorities`);
  await page.getByTestId('question-risk').waitFor();
  assert.equal(await panel().isVisible(), false, 'the drawer is closed on page load');

  // The question's Info: its description and helpful resource, its link.
  await info('question 1').click();
  const q = await helpShows(Answer.QuestionTitle);
  assert.ok(squash(q).includes(plain(Answer.QuestionDescription)), `question description missing from:\n${q}`);
  assert.ok(squash(q).includes(plain(Answer.HelpfulResourceDisplayText)), `helpful resource missing from:\n${q}`);
  const learn = page.getByTestId('help-links').getByRole('link', { name: /^Learn more/ });
  assert.equal(await learn.getAttribute('href'), Answer.HelpfulResourceUrl);
  assert.equal(await learn.getAttribute('target'), '_blank');
  assert.equal(await learn.getAttribute('rel'), 'noopener noreferrer');
  // Focus went to the drawer, whose close button leads back.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Close help panel');

  // A practice's Info replaces it: description, guidance, improvement steps.
  await info(choice.Title).click();
  const p = await helpShows(choice.Title);
  assert.ok(!squash(p).includes(plain(Answer.QuestionDescription)), 'the question help was replaced');
  for (const text of [choice.Description, choice.HelpfulResource?.DisplayText, choice.ImprovementPlan?.DisplayText]) {
    assert.ok(squash(p).includes(plain(text)), `"${text}" missing from:\n${p}`);
  }
  await panel().getByRole('heading', { name: 'Improvement plan', level: 3 }).waitFor();
  // Once the lens carries wat's guidance, its lists and headings show as such.
  if (/^What good looks like:/.test(choice.HelpfulResource?.DisplayText ?? '')) {
    await panel().getByRole('heading', { name: 'What good looks like', level: 4 }).waitFor();
    assert.ok((await panel().locator('ul > li').count()) >= 2);
    assert.ok((await panel().locator('ol > li').count()) >= 1);
  }
  await shot('help-framework-practice');
  await noAxeViolations('review with the help panel open');

  // The close button closes it; the toggle opens the question on screen again.
  await page.getByRole('button', { name: 'Close help panel' }).click();
  await panel().waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Open help panel' }).click();
  await helpShows(choice.Title);
  await page.getByRole('button', { name: 'Close help panel' }).click();
  await panel().waitFor({ state: 'hidden' });

  // With the keyboard alone: Enter on the Info link opens the drawer.
  await info('question 1').focus();
  await page.keyboard.press('Enter');
  await helpShows(Answer.QuestionTitle);

  // Moving on to the next question with the drawer open shows its help.
  const list = await api('GET', `/workloads/${id}/lensReviews/wellarchitected/answers?MaxResults=2`);
  const next = await api('GET', answerPath(id, 'wellarchitected', list.AnswerSummaries[1].QuestionId));
  await page.getByTestId('next').click();
  await helpShows(next.Answer.QuestionTitle);
  assert.deepEqual(pageErrors, []);
});

test("Define workload's fields have Info; the drawer leaves with the page", async () => {
  await go('#/workloads/new');
  await page.getByRole('heading', { name: 'Define workload', level: 1 }).waitFor();
  await info('Name').click();
  const name = await helpShows('Name');
  assert.match(name, /3 to 100 characters/);
  assert.equal(await panel().locator('ul > li').count(), 2, 'the limits are a list');
  await info('Review template').click();
  assert.match(await helpShows('Review template'), /copies its answers/);
  await info('Application').click();
  assert.match(await helpShows('Application'), /AppRegistry/);
  await shot('help-define-workload');
  // A page without help has no drawer at all.
  await page.getByRole('link', { name: 'Workloads', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Workloads', level: 1 }).waitFor();
  await panel().waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: 'Open help panel' }).count(), 0);
});

test('the Application field, which its help describes, is checked and saved', async () => {
  await go('#/workloads/new');
  await page.getByLabel('Name', { exact: true }).fill('App workload');
  await page.getByLabel('Description', { exact: true }).fill('Belongs to an AppRegistry application');
  await page.getByLabel('Review owner', { exact: true }).fill('platform team');
  await page.getByText('Production', { exact: true }).click();
  await page.getByLabel('Non-AWS Regions', { exact: true }).fill('Frankfurt DC');
  const field = page.getByLabel('Application', { exact: true });
  await field.fill('arn:aws:iam::123456789012:role/not-an-application');
  await page.getByTestId('submit-workload').click();
  await page.getByText('Enter the ARN of an AppRegistry application.').waitFor();
  const arn = 'arn:aws:servicecatalog:eu-west-1:123456789012:/applications/0abc123def';
  await field.fill(arn);
  await page.getByTestId('submit-workload').click();
  await page.getByText('Defined App workload.').waitFor();
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  assert.deepEqual((await api('GET', `/workloads/${id}`)).Workload.Applications, [arn]);
  await go(`#/workloads/${id}?tab=properties`);
  await page.getByText(arn, { exact: true }).waitFor();
});

const XSS = '<script>window.__xss=1</script>';
const customLens = {
  schemaVersion: '2021-11-01',
  name: 'Help panel lens',
  description: 'A lens whose texts have lines.\nSecond line of the description.',
  pillars: [
    {
      id: 'ops',
      name: 'Operations',
      questions: [
        {
          id: 'oncall',
          title: 'Is there an on-call rotation?',
          description: 'Someone answers pages at every hour.\nNights and weekends included.\n' + XSS,
          helpfulResource: { displayText: 'Read the on-call guide <img src=x onerror="window.__xss=2">', url: 'https://example.com/oncall' },
          choices: [
            {
              id: 'oncall_rotation',
              title: 'A rotation covers every hour',
              description: 'A named person is on call at any time.',
              helpfulResource: {
                displayText:
                  'What good looks like:\n• The rotation is published where everyone finds it.\n• Hand-overs happen at a fixed time.\nCommon anti-patterns:\n• One person is always on call. ' +
                  XSS +
                  '\nLevel of effort: medium. Risk if not established: high.',
                url: 'https://example.com/oncall/rotation',
              },
              improvementPlan: {
                displayText: '1. List who can be paged.\n2. Set up a weekly rotation.\n3. Rehearse a hand-over.',
                url: 'https://example.com/oncall/plan',
              },
            },
            { id: 'oncall_no', title: 'None of these' },
          ],
          riskRules: [
            { condition: 'oncall_rotation', risk: 'NO_RISK' },
            { condition: 'default', risk: 'HIGH_RISK' },
          ],
        },
      ],
    },
  ],
};

test("a custom lens's texts show the same way, their lines kept and markup inert; the plan writes its steps out", async () => {
  const { LensArn } = await api('PUT', '/importLens', { JSONString: JSON.stringify(customLens), ClientRequestToken: 'help-import' });
  await api('POST', `/lenses/${encodeURIComponent(LensArn)}/versions`, { LensVersion: '1.0', IsMajorVersion: true, ClientRequestToken: 'help-publish' });
  const id = await workload('Custom help', LensArn);
  const { Answer } = await api('GET', answerPath(id, LensArn, 'oncall'));
  const hash = `#/workloads/${id}/lens/${encodeURIComponent(LensArn)}`;
  await go(hash + '/review/oncall');
  await page.getByTestId('question-risk').waitFor();

  // On the page and in the panel alike: one paragraph, its lines kept; the
  // script is a line of text.
  assert.equal(await page.getByTestId('question-description').locator('p').innerText(), Answer.QuestionDescription);
  await info('question 1').click();
  await helpShows(Answer.QuestionTitle);
  const para = panel().locator('p', { hasText: 'Someone answers pages' });
  assert.equal(await para.innerText(), 'Someone answers pages at every hour.\nNights and weekends included.\n' + XSS);
  assert.equal(await para.locator('br').count(), 2);
  await panel().getByText('Read the on-call guide <img src=x', { exact: false }).waitFor();

  await info('A rotation covers every hour').click();
  await helpShows('A rotation covers every hour');
  assert.deepEqual(await panel().locator('h4').allInnerTexts(), ['What good looks like', 'Common anti-patterns']);
  assert.deepEqual(await panel().locator('ul > li').allInnerTexts(), [
    'The rotation is published where everyone finds it.',
    'Hand-overs happen at a fixed time.',
    'One person is always on call. ' + XSS,
  ]);
  await panel().getByText('Level of effort: medium. Risk if not established: high.').waitFor();
  assert.deepEqual(await panel().locator('ol > li').allInnerTexts(), ['List who can be paged.', 'Set up a weekly rotation.', 'Rehearse a hand-over.']);
  const links = page.getByTestId('help-links').getByRole('link');
  assert.deepEqual(
    await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ['https://example.com/oncall/rotation', 'https://example.com/oncall/plan'],
  );
  await shot('help-custom-practice');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a lens text ran a script');
  assert.equal(await page.locator('[data-testid="help-panel"] script, [data-testid="help-panel"] img').count(), 0);

  // Answered "None of these": a high risk, and the plan writes out the steps.
  await api('PATCH', answerPath(id, LensArn, 'oncall'), { SelectedChoices: ['oncall_no'] });
  const improvements = await api('GET', `/workloads/${id}/lensReviews/${encodeURIComponent(LensArn)}/improvements`);
  const plan = improvements.ImprovementSummaries[0].ImprovementPlans.find((x) => x.ChoiceId === 'oncall_rotation');
  await go(hash + '?tab=improvements');
  const cell = page.getByTestId('improvement-plan').locator('[data-plan="oncall_rotation"]');
  await cell.getByText('A rotation covers every hour').waitFor();
  assert.deepEqual(await cell.locator('ol > li').allInnerTexts(), plan.DisplayText.split('\n').map((l) => l.replace(/^\d+\.\s+/, '')));
  assert.equal(await cell.getByRole('link', { name: /^Learn more/ }).getAttribute('href'), plan.ImprovementPlanUrl);
  await shot('help-improvement-plan');
});

test("the framework's improvement plan names each practice and writes its plan out", async () => {
  const id = await workload('Framework plan', 'wellarchitected');
  await api('PATCH', answerPath(id, 'wellarchitected', 'priorities'), { SelectedChoices: ['ops_priorities_no'] });
  const { Answer } = await api('GET', answerPath(id, 'wellarchitected', 'priorities'));
  const improvements = await api('GET', `/workloads/${id}/lensReviews/wellarchitected/improvements`);
  const first = improvements.ImprovementSummaries.find((s) => s.QuestionId === 'priorities').ImprovementPlans[0];
  const title = Answer.Choices.find((c) => c.ChoiceId === first.ChoiceId).Title;
  await go(`#/workloads/${id}/lens/wellarchitected?tab=improvements`);
  const cell = page.getByTestId('improvement-plan').locator(`[data-plan="${first.ChoiceId}"]`);
  await cell.getByText(title, { exact: true }).waitFor();
  assert.ok(squash(await cell.innerText()).includes(plain(first.DisplayText)));
  await shot('help-framework-plan');
});

test("a review template's question and practices have the same Info", async () => {
  const { TemplateArn } = await api('POST', '/reviewTemplates', {
    TemplateName: 'Help template',
    Description: 'Template for help checks',
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'help-template',
  });
  const { Answer } = await api('GET', `/reviewTemplates/${encodeURIComponent(TemplateArn)}/lensReviews/wellarchitected/answers/priorities`);
  await go(`#/templates/${encodeURIComponent(TemplateArn)}/lens/wellarchitected/priorities`);
  await info('question 1').click();
  const q = await helpShows(Answer.QuestionTitle);
  assert.ok(squash(q).includes(plain(Answer.QuestionDescription)));
  await info(Answer.Choices[1].Title).click();
  assert.ok(squash(await helpShows(Answer.Choices[1].Title)).includes(plain(Answer.Choices[1].ImprovementPlan?.DisplayText)));
});
