// Notes typed and left at once are saved: the console waits for a pause in
// typing before it saves notes, and leaving the question (Next, another
// question, Save and exit, closing the tab) must not drop what waits. A save
// the server refuses shows an error, keeps the text and the user on the
// question. Each answer is read back over the API, as another client would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, signIn, shot, callAPI as api } from './browser.mjs';

let srv, browser, context, page, workloadId, questions;
const pageErrors = [];
before(async () => {
  srv = await startServer();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await signIn(page, srv);
  ({ WorkloadId: workloadId } = await api(page, 'POST', '/workloads', {
    WorkloadName: 'Notes workload',
    Description: 'Notes typed and left at once',
    ReviewOwner: 'owner@example.com',
    Environment: 'PRODUCTION',
    AwsRegions: ['us-east-1'],
    Lenses: ['wellarchitected'],
    ClientRequestToken: 'notes-workload',
  }));
  const list = await api(page, 'GET', `/workloads/${workloadId}/lensReviews/wellarchitected/answers?MaxResults=50`);
  questions = list.AnswerSummaries.map((a) => a.QuestionId);
});
after(async () => (await browser?.close(), await srv?.stop()));

const notesOf = async (qid) => (await api(page, 'GET', `/workloads/${workloadId}/lensReviews/wellarchitected/answers/${qid}`)).Answer.Notes ?? '';
const reviewUrl = (i) => `${srv.endpoint}/#/workloads/${workloadId}/lens/wellarchitected/review/${questions[i]}`;
const heading = (p, i) => p.getByRole('heading', { name: new RegExp(`^${i + 1}\\. `), level: 2 });

async function openQuestion(i) {
  await page.goto(reviewUrl(i));
  await heading(page, i).waitFor();
}

async function failing(name, f) {
  try {
    await f();
  } catch (e) {
    await shot(page, 'failure-saving-' + name);
    throw e;
  }
}

test('notes typed just before Next are saved', () =>
  failing('next', async () => {
    await openQuestion(0);
    await page.getByLabel('Notes', { exact: true }).fill('Typed, then Next at once.');
    await page.getByTestId('next').click();
    await heading(page, 1).waitFor();
    assert.equal(await notesOf(questions[0]), 'Typed, then Next at once.');
  }));

test('notes typed just before choosing another question are saved', () =>
  failing('nav', async () => {
    await openQuestion(1);
    await page.getByLabel('Notes', { exact: true }).fill('Typed, then another question.');
    await page.locator(`nav[aria-label="Questions"] a[data-question="${questions[2]}"]`).click();
    await heading(page, 2).waitFor();
    assert.equal(await notesOf(questions[1]), 'Typed, then another question.');
  }));

test('notes typed just before Save and exit are saved', () =>
  failing('exit', async () => {
    await openQuestion(2);
    await page.getByLabel('Notes', { exact: true }).fill('Typed, then Save and exit.');
    await page.getByTestId('save-exit').click();
    await page.getByTestId('lens-high').waitFor();
    assert.equal(await notesOf(questions[2]), 'Typed, then Save and exit.');
  }));

test('a save the server refuses shows an error, keeps the text and the user on the question', () =>
  failing('refused', async () => {
    await openQuestion(3);
    let refused = 0;
    const refuse = (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      refused++;
      return route.fulfill({
        status: 500,
        headers: { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'InternalServerException' },
        body: JSON.stringify({ Message: 'The database is away.' }),
      });
    };
    await page.route('**/answers/**', refuse);
    const notes = page.getByLabel('Notes', { exact: true });
    await notes.fill('Kept although refused.');
    const alert = page.getByText('The answer was not saved');
    await alert.waitFor();
    await page.getByText('The database is away.').waitFor();
    assert.equal(await notes.inputValue(), 'Kept although refused.');
    // Next tries again, is refused again, and stays with the text.
    assert.equal(refused, 1);
    // Leaving anyway is the user's choice: here they choose to stay.
    const asked = [];
    const stay = (d) => (asked.push(d.message()), d.dismiss());
    page.on('dialog', stay);
    await page.getByTestId('next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent?.includes('not saved'));
    for (let i = 0; i < 50 && refused < 2; i++) await page.waitForTimeout(100);
    assert.equal(refused, 2, 'Next did not try the refused save again');
    await page.waitForTimeout(300);
    assert.ok(await heading(page, 3).isVisible(), 'left the question although its answer was not saved');
    assert.equal(await notes.inputValue(), 'Kept although refused.');
    assert.equal(await notesOf(questions[3]), '');
    await shot(page, 'saving-refused');
    page.off('dialog', stay);
    assert.deepEqual(asked, ['The answer to question 4 was not saved. Leave anyway and lose the change?']);
    // Once the server takes it, Next saves the text and goes on.
    await page.unroute('**/answers/**', refuse);
    await page.getByTestId('next').click();
    await heading(page, 4).waitFor();
    assert.equal(await notesOf(questions[3]), 'Kept although refused.');
    assert.equal(await alert.count(), 0);
  }));

test('after a refused save the user may leave anyway, and is told the change was lost', () =>
  failing('leave-anyway', async () => {
    await openQuestion(7);
    const refuse = (route) =>
      route.request().method() === 'PATCH' ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"Message":"Try later."}' }) : route.fallback();
    await page.route('**/answers/**', refuse);
    try {
      await page.getByLabel('Notes', { exact: true }).fill('Given up on.');
      await page.getByText('The answer was not saved').waitFor();
      page.once('dialog', (d) => d.accept());
      await page.getByTestId('next').click();
      await heading(page, 8).waitFor();
      // Leaving tried once more; that failure is told above the page.
      await page.getByText('The answer to question 8 was not saved').waitFor();
    } finally {
      await page.unroute('**/answers/**', refuse);
    }
    assert.equal(await notesOf(questions[7]), '');
  }));

test('closing the tab right after typing asks to stay and still saves the notes', () =>
  failing('close', async () => {
    const other = await context.newPage();
    const dialogs = [];
    other.on('dialog', (d) => (dialogs.push(d.type()), d.accept()));
    await other.goto(reviewUrl(5));
    await heading(other, 5).waitFor();
    const notes = other.getByLabel('Notes', { exact: true });
    await notes.click();
    await notes.fill('Typed, then the tab closed.');
    const closed = other.waitForEvent('close');
    await other.close({ runBeforeUnload: true });
    await closed;
    assert.deepEqual(dialogs, ['beforeunload']);
    // The save was sent as the page went away; it may land just after.
    let saved = '';
    for (let i = 0; i < 50 && saved === ''; i++) {
      saved = await notesOf(questions[5]);
      if (saved === '') await page.waitForTimeout(100);
    }
    assert.equal(saved, 'Typed, then the tab closed.');

    // Once everything is saved, closing asks nothing.
    const calm = await context.newPage();
    const asked = [];
    calm.on('dialog', (d) => (asked.push(d.type()), d.accept()));
    await calm.goto(reviewUrl(6));
    await heading(calm, 6).waitFor();
    await calm.getByLabel('Notes', { exact: true }).click();
    await calm.getByLabel('Notes', { exact: true }).fill('Saved before closing.');
    await calm.getByTestId('save-status').getByText('Changes are saved as you make them.').waitFor();
    const calmClosed = calm.waitForEvent('close');
    await calm.close({ runBeforeUnload: true });
    await calmClosed;
    assert.deepEqual(asked, []);
    assert.equal(await notesOf(questions[6]), 'Saved before closing.');
  }));

test('a review template answer typed just before Next is saved', () =>
  failing('template', async () => {
    const { TemplateArn: arn } = await api(page, 'POST', '/reviewTemplates', {
      TemplateName: 'Notes template',
      Description: 'Template notes typed and left at once',
      Lenses: ['wellarchitected'],
      ClientRequestToken: 'notes-template',
    });
    const base = `/reviewTemplates/${encodeURIComponent(arn)}/lensReviews/wellarchitected/answers`;
    const { AnswerSummaries: qs } = await api(page, 'GET', base + '?MaxResults=50');
    await page.goto(`${srv.endpoint}/#/templates/${encodeURIComponent(arn)}/lens/wellarchitected/${qs[0].QuestionId}`);
    await heading(page, 0).waitFor();
    await page.getByLabel('Notes', { exact: true }).fill('Template notes, then Next at once.');
    await page.getByRole('button', { name: 'Next' }).click();
    await heading(page, 1).waitFor();
    const { Answer } = await api(page, 'GET', `${base}/${qs[0].QuestionId}`);
    assert.equal(Answer.Notes, 'Template notes, then Next at once.');
    assert.deepEqual(pageErrors, []);
  }));
