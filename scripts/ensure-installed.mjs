// Shared by `npm start` and `npm test`: a fresh clone needs nothing but Node 20 and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

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
