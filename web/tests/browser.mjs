// Debian's Chromium driven by playwright-core, headless, with the flags this
// machine's closed network needs.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const artefacts = resolve(import.meta.dirname, '../test-results');
mkdirSync(artefacts, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** signIn opens the console and signs in as the admin. */
export async function signIn(page, srv) {
  await page.goto(srv.endpoint + '/');
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill(srv.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

export async function shot(page, name) {
  await page.screenshot({ path: resolve(artefacts, name + '.png'), fullPage: true });
}

/**
 * callAPI calls the AWS-compatible API from the page, with the session's
 * CSRF token, as the console does, and returns the decoded JSON answer.
 */
export async function callAPI(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const { csrfToken } = await (await fetch('/console/api/session')).json();
      const headers = { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : {};
    },
    [method, path, body],
  );
}
