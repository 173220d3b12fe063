// `make bench` for the console (not a test: it prints numbers). Against a
// real server with 100 workloads, in Debian's Chromium:
//  - cold load of the dashboard: a new browser context (empty cache) with a
//    session cookie opens "/", timed from navigation start to the first
//    paint and to the workload table showing its rows;
//  - answering: a click on a best practice until the question's risk shown
//    changes (the UpdateAnswer round trip and the re-render), 40 times;
//  - the console's JavaScript and CSS, gzipped as served.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from './server.mjs';
import { launch, signIn } from './browser.mjs';

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const assets = resolve(import.meta.dirname, '../dist/console/assets');
let js = 0, css = 0;
for (const f of readdirSync(assets)) {
  const n = gzipSync(readFileSync(resolve(assets, f))).length;
  if (f.endsWith('.js')) js += n;
  if (f.endsWith('.css')) css += n;
}
console.log(`console assets gzipped: JavaScript ${(js / 1024).toFixed(0)} KB, CSS ${(css / 1024).toFixed(0)} KB`);

const srv = await startServer(['--rate-limit', '0']);
const browser = await launch();
try {
  const setup = await browser.newContext();
  const page = await setup.newPage();
  await signIn(page, srv);
  const ids = await page.evaluate(async () => {
    const s = await (await fetch('/console/api/session')).json();
    const h = { 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' };
    const ids = [];
    for (let i = 0; i < 100; i++) {
      const r = await fetch('/workloads', {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ WorkloadName: `Bench workload ${i}`, Description: 'bench', ReviewOwner: 'bench owner', Environment: 'PRODUCTION', AwsRegions: ['us-east-1'], Lenses: ['wellarchitected'], ClientRequestToken: 'bench-' + i }),
      });
      if (!r.ok) throw new Error('CreateWorkload: ' + r.status + ' ' + (await r.text()));
      ids.push((await r.json()).WorkloadId);
    }
    return ids;
  });
  const cookies = await setup.cookies();

  const paints = [], ready = [];
  for (let i = 0; i < 10; i++) {
    const ctx = await browser.newContext();
    await ctx.addCookies(cookies);
    const p = await ctx.newPage();
    await p.goto(srv.endpoint + '/');
    await p.getByTestId('dashboard-reviews').getByText('Bench workload', { exact: false }).first().waitFor().catch(async (e) => { await p.screenshot({ path: 'test-results/perf-failure.png' }); throw e; });
    const t = await p.evaluate(() => ({
      ready: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    paints.push(t.fcp);
    ready.push(t.ready);
    await ctx.close();
  }
  console.log(`dashboard cold load (10 runs): first contentful paint median ${pct(paints, 50).toFixed(0)} ms; table with 100 workloads median ${pct(ready, 50).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms`);

  await page.goto(srv.endpoint + `/#/workloads/${ids[0]}/lens/wellarchitected/review/priorities`);
  await page.getByTestId('question-risk').getByText('Unanswered').waitFor();
  const times = await page.evaluate(async () => {
    const risk = document.querySelector('[data-testid="question-risk"]');
    const box = document.querySelector('[data-choice="ops_priorities_ext_cust_needs"] input');
    const out = [];
    for (let i = 0; i < 40; i++) {
      const before = risk.textContent;
      const t0 = performance.now();
      const changed = new Promise((ok) => {
        const mo = new MutationObserver(() => {
          if (risk.textContent !== before) {
            mo.disconnect();
            ok();
          }
        });
        mo.observe(risk, { subtree: true, childList: true, characterData: true });
      });
      box.click();
      await changed;
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  });
  console.log(`answer to new risk shown (40 clicks): median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
} finally {
  await browser.close();
  await srv.stop();
}
