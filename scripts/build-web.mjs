#!/usr/bin/env node
// Builds the web front end (web/ → dist/web) after type-checking it; skips both when dist/web is newer than
// every file in web/, so `npm start` stays fast. `--force` always builds. One build at a time: `npm run build`
// (e.g. the start-up test) and the browser test suites may ask at once, and Vite empties dist/web first, so a
// directory lock serialises them and whoever waited finds the fresh build and skips.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', 'web', 'index.html');
const lock = join(root, 'dist', '.web-build-lock');
const newest = (dir) => {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
};
const fresh = () => !process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs > newest(join(root, 'web'));
if (fresh()) process.exit(0);

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
mkdirSync(join(root, 'dist'), { recursive: true });
const deadline = Date.now() + 300_000;
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    // a lock left by a killed build is older than any build takes
    try {
      if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
    if (Date.now() > deadline) {
      console.error('build-web: timed out waiting for another build of the web front end');
      process.exit(1);
    }
    sleep(250);
  }
}
let status = 0;
try {
  if (!fresh()) {
    // Always a production build: Vite follows an inherited NODE_ENV, and the test runner sets NODE_ENV=test, which
    // would ship React's development build (three times the size) to the browser tests, the benchmark and `npm start`.
    const env = { ...process.env, NODE_ENV: 'production' };
    const run = (cmd, args) => {
      const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
      if (r.status !== 0) throw Object.assign(new Error(`${cmd} ${args.join(' ')} failed`), { status: r.status ?? 1 });
    };
    run('npx', ['tsc', '-p', 'web/tsconfig.json', '--noEmit']);
    run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  }
} catch (error) {
  console.error(`build-web: ${error.message}`);
  status = error.status ?? 1;
} finally {
  rmSync(lock, { recursive: true, force: true });
}
process.exit(status);
