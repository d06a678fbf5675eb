import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import type { LoadResult, LoadSpec } from './load-driver';

/** Where benchmark databases are made, and the Redis they use: the same as the tests'. */
export const BENCH_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';
const DIST = join(__dirname, '..', '..');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Runs the load driver in its own process and returns its figures. */
export async function drive(spec: LoadSpec): Promise<LoadResult> {
  const child = fork(join(__dirname, 'load-driver.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('exit', (code) => reject(new Error(`load driver exited with ${code} before reporting`)));
  });
  child.send(spec);
  return result;
}

/** The same measurement `rounds` times; the median round (by requests/s) is the figure. */
export async function driveRounds(spec: LoadSpec, rounds: number): Promise<LoadResult & { rounds: number[] }> {
  const results: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) results.push(await drive(spec));
  const rates = results.map((r) => r.requestsPerSecond);
  const mid = results.find((r) => r.requestsPerSecond === median(rates)) ?? results[Math.floor(results.length / 2)];
  return { ...mid, requestsPerSecond: median(rates), p99Ms: median(results.map((r) => r.p99Ms)), rounds: rates };
}

/** A built app (`dist/apps/<name>/src/main.js`) as its own process. */
export function startApp(name: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(DIST, `apps/${name}/src/main.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function startHelloWorld(port: number): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'hello-world.server.js'), [String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A database and queue prefix of the benchmark's own, removed afterwards. */
const BENCH_SECRETS_KEY = `bench:${randomBytes(32).toString('base64')}`;

export class BenchEnvironment {
  readonly queuePrefix = `{optout-bench-${randomBytes(4).toString('hex')}}`;
  readonly databaseName = `optout_bench_${randomBytes(4).toString('hex')}`;

  get databaseUrl(): string {
    const url = new URL(BENCH_SERVER_URL);
    url.pathname = `/${this.databaseName}`;
    return url.toString();
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: this.queuePrefix,
      ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      // The gateway and dispatcher seal secrets at rest with it (docs/security.md); a throwaway key.
      SECRETS_KEY: BENCH_SECRETS_KEY,
      // One account sends everything: per-account quotas would measure the quota, not the path.
      INBOUND_ACCOUNT_MESSAGES_PER_SECOND: '0',
      INBOUND_ACCOUNT_BYTES_PER_SECOND: '0',
      ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
      LOG_LEVEL: 'error',
      ...extra,
    };
  }

  async create(): Promise<void> {
    await this.server((client) => client.query(`CREATE DATABASE ${this.databaseName}`));
  }

  async destroy(): Promise<void> {
    await this.server(async (client) => {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [this.databaseName]);
      await client.query(`DROP DATABASE IF EXISTS ${this.databaseName}`);
    });
    const redis = new IORedis(BENCH_REDIS_URL);
    // Queue keys live under the prefix, gate-cache keys under it without its braces.
    for (const pattern of [`${this.queuePrefix}*`, `${this.queuePrefix.replace(/[{}]/g, '')}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    }
    redis.disconnect();
  }

  private async server<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: BENCH_SERVER_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * The reference every HTTP figure is read against: a bare NestJS-on-Fastify hello world,
 * measured in the same run with the same load, then stopped.
 */
export async function measureHelloWorld(connections: number, durationSeconds: number, rounds: number): Promise<LoadResult & { rounds: number[] }> {
  const port = await freePort();
  const hello = await startHelloWorld(port);
  try {
    return await driveRounds({ url: `http://127.0.0.1:${port}/hello`, method: 'GET', connections, durationSeconds }, rounds);
  } finally {
    await stopProcess(hello);
  }
}

/** Resolves once the gateway at `base` answers (401 without a token: it is up and routing). */
export async function waitForGateway(base: string, what = 'the gateway'): Promise<void> {
  await waitUntil(what, async () => (await fetch(`${base}/v1/accounts`)).status === 401);
}

/** A fresh account through the admin API, with its API key. */
export async function createBenchAccount(base: string, name = 'Bench'): Promise<{ id: string; apiKey: string }> {
  const response = await fetch(`${base}/v1/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await response.json()) as { id: string; apiKey: string };
}
