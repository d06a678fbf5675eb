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
/**
 * Unit specs run in parallel; end-to-end suites one at a time. Each e2e suite starts whole
 * systems (several processes, for some) on a 2-core machine: two at once starve each other
 * into timeouts. Extra arguments (a path, -t …) run one Jest invocation with them.
 */
const runs = process.argv.length > 2 ? [['--runInBand', ...process.argv.slice(2)]] : [['--selectProjects', 'unit', '--maxWorkers=2'], ['--selectProjects', 'e2e', '--runInBand']];
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
for (const [index, args] of runs.entries()) {
  const results = `.jest-results-${index}.json`;
  rmSync(results, { force: true });
  const jest = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, ...args], { stdio: 'inherit' });
  if (existsSync(results)) {
    const summary = JSON.parse(readFileSync(results, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests;
  }
  if (jest.status !== 0) status = jest.status ?? 1;
}
// One plain closing line that any CI reader understands.
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
