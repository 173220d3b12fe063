// Starts a real `wat serve` on 127.0.0.1:0 with a fresh data directory, as
// a user would, and reads its endpoint and the admin's console password from
// what it prints.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export async function startServer(extraArgs = []) {
  const bin = process.env.WAT_BIN || resolve(import.meta.dirname, '../../bin/wat');
  const dataDir = mkdtempSync(join(tmpdir(), 'wat-console-'));
  const proc = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WAT_LOG_LEVEL: process.env.WAT_LOG_LEVEL || 'warn' },
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const ready = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('wat serve did not start:\n' + out + err)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const endpoint = /endpoint:\s+(http:\/\/\S+)/.exec(out)?.[1];
      const password = /sign in:.*password (\S+)/.exec(out)?.[1];
      const account = /account[:\s]+(\d{12})/.exec(out)?.[1];
      if (endpoint && password && /console:/.test(out)) {
        clearTimeout(timer);
        ok({ endpoint, password, account });
      }
    });
    proc.on('exit', (code) => fail(new Error(`wat serve exited with ${code}:\n${out}${err}`)));
  });
  return {
    ...ready,
    dataDir,
    output: () => out + err,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
