// Shared by `npm start` and `npm test`: a fresh clone needs nothing but Node 20 and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Installs dependencies from the lockfile when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = 'node_modules/.package-lock.json';
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs) return;
  console.log('Installing dependencies from package-lock.json (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const BUILT_ENTRY = 'dist/apps/standalone/src/main.js';
/** The console (apps/console), built by the same `npm run build`. */
const BUILT_CONSOLE = 'dist/console/index.html';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|html)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than any source: the process-level suites run the built apps. */
export function ensureBuilt() {
  const sources = Math.max(newestSource('apps'), newestSource('libs'), statSync('tsconfig.json').mtimeMs, statSync('package-lock.json').mtimeMs);
  const built = [BUILT_ENTRY, BUILT_CONSOLE].map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0));
  if (Math.min(...built) >= sources) return;
  console.log('Building…');
  run('npm', ['run', '--silent', 'build']);
}
