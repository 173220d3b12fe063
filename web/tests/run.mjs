// npm test: every browser test, against the binary in ../bin/wat (built by
// make with the console embedded).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => resolve(dir, f));
const stream = run({ files, concurrency: 1, timeout: 300000 });
stream.on('test:fail', () => (process.exitCode = 1));
stream.compose(spec).pipe(process.stdout);
