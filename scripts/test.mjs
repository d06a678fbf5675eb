#!/usr/bin/env node
// `npm test`: every suite — unit specs and end-to-end suites against the real Redis and
// Postgres (REDIS_URL, TEST_DATABASE_URL; defaults on 127.0.0.1). Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureBuilt, ensureDependencies } from './ensure-installed.mjs';

ensureDependencies();
ensureBuilt();
// The dashboard's browser test drives Debian's Chromium; install it once if it is missing.
// Should that fail, the suite itself fails saying so: it is never skipped.
if (!existsSync('/usr/bin/chromium') && spawnSync('bash', ['scripts/ensure-chromium.sh'], { stdio: 'inherit' }).status !== 0) {
  console.error('Chromium could not be installed: test/e2e/ops-dashboard.e2e-spec.ts will fail');
}
const results = '.jest-results.json';
rmSync(results, { force: true });
const jest = spawnSync(
  process.execPath,
  ['node_modules/jest/bin/jest.js', '--maxWorkers=2', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  // One plain closing line that any CI reader understands.
  console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`);
}
process.exit(jest.status ?? 1);
