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
