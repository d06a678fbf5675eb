#!/usr/bin/env node
// `npm start`: install what is missing, build what is stale, run all four apps in one process.
import { spawn } from 'node:child_process';
import { ensureBuilt, ensureDependencies } from './ensure-installed.mjs';

ensureDependencies();
ensureBuilt();
const child = spawn(process.execPath, ['dist/apps/standalone/src/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
