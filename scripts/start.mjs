#!/usr/bin/env node
// `npm start`: install what is missing, build what is stale, run all four apps in one process.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, run } from './ensure-installed.mjs';

const STAMP = 'dist/.build-stamp';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

ensureDependencies();
const sources = Math.max(newestSource('apps'), newestSource('libs'), statSync('tsconfig.json').mtimeMs, statSync('package-lock.json').mtimeMs);
if (!existsSync(STAMP) || statSync(STAMP).mtimeMs < sources) {
  console.log('Building…');
  run('npm', ['run', '--silent', 'build']);
  writeFileSync(STAMP, new Date().toISOString());
}

const child = spawn(process.execPath, ['dist/apps/standalone/src/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
