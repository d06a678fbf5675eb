import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { TEST_ADMIN_TOKEN, TEST_SECRETS_KEY } from './test-config';

export type AppName = 'gateway' | 'classifier' | 'blocklist' | 'dispatcher';

const ROOT = resolve(__dirname, '../..');

/** Ports this test process has handed out: a process started with one may not have bound it yet. */
const handedOut = new Set<number>();

/**
 * A free TCP port on loopback, never one handed out before in this test process. Without that,
 * the port given to a gateway that is still starting could be given again to a worker's health
 * server, which binds first: the suite then talks to the wrong process (seen once in CI).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await new Promise<void>((done) => server.close(() => done()));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

/** What every app process of a suite shares: its database, its Redis, its queue prefix, the admin token; quiet logs. */
export function processEnv(databaseUrl: string, redisUrl: string, queuePrefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'warn', ...extra };
}

/**
 * One app as its own OS process, from the built dist/ — exactly what `npm run start:<app>`
 * runs — so tests can kill it, restart it and see what survives.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly app: AppName,
    private readonly env: Record<string, string>,
  ) {}

  start(): this {
    const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${this.app}/src/main.js`)], {
      cwd: ROOT,
      // The gateway and the dispatcher need SECRETS_KEY; load suites send from one account
      // (no per-account quota). A suite may set its own.
      env: { PATH: process.env.PATH ?? '', SECRETS_KEY: TEST_SECRETS_KEY, INBOUND_ACCOUNT_MESSAGES_PER_SECOND: '0', INBOUND_ACCOUNT_BYTES_PER_SECOND: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    return this;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and resolves with how the process ended. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child || !this.running) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, sig) => done({ code, signal: sig })));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
