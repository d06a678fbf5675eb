import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { InboundJob, InboundMessage, QueueName } from '@optout/contracts';
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

/** A built app (`dist/apps/<name>/src/main.js`) as its own process, with node's own flags if given (`--cpu-prof`). */
export function startApp(name: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, join(DIST, `apps/${name}/src/main.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A built app (as `startApp`) listening on a free port (`PORT`); `base` is where it answers once up. */
export async function startOnFreePort(name: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  return { child: startApp(name, { ...env, PORT: String(port) }, nodeFlags), base: `http://127.0.0.1:${port}` };
}

/** The gateway as its own process on a free port (with node's own flags if given), once it routes requests. */
export async function startGateway(env: Record<string, string>, what = 'the gateway', nodeFlags: string[] = []): Promise<{ child: ChildProcess; base: string }> {
  const gateway = await startOnFreePort('gateway', env, nodeFlags);
  await waitForGateway(gateway.base, what);
  return gateway;
}

/** The reference server (`startReferenceServer`) on a free port. */
export async function startReference(keyPrefix: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  return { child: await startReferenceServer(port, keyPrefix), base: `http://127.0.0.1:${port}` };
}

/** The bare reference routes (`hello-world.server.ts`), reading and writing under the gate key prefix `keyPrefix`. */
export function startReferenceServer(port: number, keyPrefix: string): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'hello-world.server.js'), [String(port), BENCH_REDIS_URL, keyPrefix], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

/** BENCH_CPU_PROF=<dir>: node's flags that make a process write a V8 CPU profile there when it stops (bench/support/profile-summary.ts reads it). */
export function cpuProfileFlags(): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
}

/** SIGTERM, then SIGKILL after `graceMs` (a profiled process needs longer: it writes its profile on exit). */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
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

/** Unlinks every key of the benchmark Redis that matches `pattern`, a SCAN page at a time. */
export async function deleteKeysMatching(pattern: string): Promise<void> {
  const redis = new IORedis(BENCH_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 10_000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A database and queue prefix of the benchmark's own, removed afterwards. */
const BENCH_SECRETS_KEY = `bench:${randomBytes(32).toString('base64')}`;

export class BenchEnvironment {
  readonly queuePrefix = `{optout-bench-${randomBytes(4).toString('hex')}}`;
  readonly databaseName = `optout_bench_${randomBytes(4).toString('hex')}`;

  /** The gate cache's key prefix: the queue prefix without its braces (as `keyPrefixOf`). */
  get keyPrefix(): string {
    return this.queuePrefix.replace(/[{}]/g, '');
  }

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
    // Queue keys live under the prefix, gate-cache keys under it without its braces.
    await deleteKeysMatching(`${this.queuePrefix}*`);
    await deleteKeysMatching(`${this.keyPrefix}:*`);
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

/**
 * Runs a benchmark on a BenchEnvironment of its own and exits with 1 if it fails. Whatever
 * happens, the processes it put in `children` are stopped and the environment is removed.
 */
export function runBench(body: (bench: BenchEnvironment, children: ChildProcess[]) => Promise<void>): void {
  const run = async () => {
    const bench = new BenchEnvironment();
    const children: ChildProcess[] = [];
    await bench.create();
    try {
      await body(bench, children);
    } finally {
      await Promise.all(children.map((child) => stopProcess(child)));
      await bench.destroy();
    }
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/**
 * The gateway (with `gatewayEnv` over the environment's) and the bare reference server
 * (`startReference`) side by side, both put in `children`, and a fresh account on the gateway.
 */
export async function startGatewayAndReference(
  bench: BenchEnvironment,
  children: ChildProcess[],
  gatewayEnv: Record<string, string> = {},
): Promise<{ gateway: ChildProcess; base: string; reference: ChildProcess; referenceBase: string; account: BenchAccount }> {
  const { child: gateway, base } = await startGateway(bench.env(gatewayEnv));
  children.push(gateway);
  const { child: reference, base: referenceBase } = await startReference(bench.keyPrefix);
  children.push(reference);
  return { gateway, base, reference, referenceBase, account: await createBenchAccount(base) };
}

export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** One route of a comparison: what it is called in the table, its load, and how many units (messages, numbers) one request carries. */
export interface ComparedRoute {
  name: string;
  spec: LoadSpec;
  unitsPerRequest?: number;
  /** The process serving the route: its CPU time per request is measured too. */
  serverPid?: number;
}

export interface ComparedFigures {
  name: string;
  /** Median over the rounds, in requests/s. */
  requestsPerSecond: number;
  /** Median over the rounds, in units/s (= requests/s for one unit per request). */
  unitsPerSecond: number;
  p99Ms: number;
  rounds: number[];
  /**
   * Median over the rounds of the server's CPU time (user + system) per request, in µs. On a
   * shared machine this is the steadiest figure: a busy neighbour slows the clock, not the
   * work a request costs. 1e6 / cpuMicrosPerRequest is what one dedicated core would serve.
   */
  cpuMicrosPerRequest: number;
  non2xx: number;
  errors: number;
}

/**
 * Measures every route once per round, round after round (A B C, A B C, …), so a burst of
 * the neighbours' load hits the references and the routes they bound alike; each figure is
 * the median of its rounds. On a shared machine absolute rates drift by 2× within minutes;
 * the ratios of routes measured side by side drift far less.
 */
export async function compareRounds(routes: ComparedRoute[], rounds: number): Promise<Map<string, ComparedFigures>> {
  const results = new Map<string, LoadResult[]>(routes.map((route) => [route.name, []]));
  const cpu = new Map<string, number[]>(routes.map((route) => [route.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const route of routes) {
      const before = route.serverPid ? cpuMicrosOf(route.serverPid) : 0;
      const result = await drive(route.spec);
      if (route.serverPid) cpu.get(route.name)!.push((cpuMicrosOf(route.serverPid) - before) / Math.max(1, result.requests));
      results.get(route.name)!.push(result);
    }
  }
  return new Map(
    routes.map((route) => {
      const own = results.get(route.name)!;
      const rates = own.map((result) => result.requestsPerSecond);
      const requestsPerSecond = median(rates);
      return [
        route.name,
        {
          name: route.name,
          requestsPerSecond,
          unitsPerSecond: requestsPerSecond * (route.unitsPerRequest ?? 1),
          p99Ms: median(own.map((result) => result.p99Ms)),
          rounds: rates,
          cpuMicrosPerRequest: cpu.get(route.name)!.length > 0 ? median(cpu.get(route.name)!) : Number.NaN,
          non2xx: own.reduce((sum, result) => sum + result.non2xx, 0),
          errors: own.reduce((sum, result) => sum + result.errors, 0),
        },
      ];
    }),
  );
}

/**
 * The summary table of routes measured next to their bare references: each row's rate and
 * server CPU per request, and both as ratios to `ceiling` (the reference doing the same
 * substrate work), with the row's goal.
 */
export function printCeilingTable(ceiling: ComparedFigures, rows: Array<{ label: string; figures: ComparedFigures; goal?: string }>): void {
  console.log('  "rate" is what the shared machine gave; "CPU" is the server\'s CPU time per request, the steadier figure (1e6 / CPU = one dedicated core\'s rate).');
  console.log('  route                                rate                    CPU µs/req   rate ratio to ceiling   CPU ratio (ceiling/route)   goal');
  for (const { label, figures, goal = '' } of rows) {
    const rateRatio = ratio(figures.requestsPerSecond, ceiling.requestsPerSecond);
    const cpuRatio = ratio(ceiling.cpuMicrosPerRequest, figures.cpuMicrosPerRequest);
    console.log(`  ${label.padEnd(36)} ${`${formatRate(figures.requestsPerSecond)} req/s`.padEnd(23)} ${figures.cpuMicrosPerRequest.toFixed(0).padStart(10)}   ${rateRatio.padEnd(23)} ${cpuRatio.padEnd(27)} ${goal}`);
  }
}

/** "12,345 req/s (rounds a, b, c), p99 n ms, CPU x µs/request": one line of a comparison. */
export function describeFigures(figures: ComparedFigures, unit = 'req/s'): string {
  const rate = unit === 'req/s' ? figures.requestsPerSecond : figures.unitsPerSecond;
  const problems = figures.non2xx + figures.errors > 0 ? `, non-2xx ${figures.non2xx}, errors ${figures.errors}` : '';
  const cpu = Number.isNaN(figures.cpuMicrosPerRequest) ? '' : `, server CPU ${figures.cpuMicrosPerRequest.toFixed(0)} µs/request`;
  return `${formatRate(rate)} ${unit} (rounds ${figures.rounds.map(formatRate).join(' / ')} req/s), p99 ${figures.p99Ms} ms${cpu}${problems}`;
}

/** User + system CPU time a process has used so far, in µs (Linux /proc; clock ticks of 10 ms). */
export function cpuMicrosOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, utime field 14, stime field 15 (1-based, man 5 proc).
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** `a / b` as a ratio with two decimals. */
export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

/** The machine's state while a figure was taken: every figure is printed with it. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** Resolves once the gateway at `base` answers (401 without a token: it is up and routing). */
export async function waitForGateway(base: string, what = 'the gateway'): Promise<void> {
  await waitUntil(what, async () => (await fetch(`${base}/v1/accounts`)).status === 401);
}

/** The headers of a JSON request with an account's API key. */
export function jsonHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
}

/** The 1000 subscribers the gate benchmarks look up: +12025551000 to +12025551999. */
export const GATE_NUMBERS = Array.from({ length: 1000 }, (_, i) => `+1202555${String(1000 + i)}`);

/** Fills the gate cache for `numbers` (a batch check fills every miss), so that lookups measure hits. */
export async function warmGateCache(base: string, account: { id: string; apiKey: string }, numbers: string[]): Promise<void> {
  const response = await fetch(`${base}/v1/gate/${account.id}/check`, { method: 'POST', headers: jsonHeaders(account.apiKey), body: JSON.stringify({ phones: numbers }) });
  await response.arrayBuffer();
}

/** Resolves once `queue` has no job waiting, active, delayed or prioritized. */
export async function waitUntilDrained(queue: { getJobCounts(...types: string[]): Promise<Record<string, number>> }, what: string, timeoutMs = 600_000): Promise<void> {
  await waitUntil(
    what,
    async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    },
    timeoutMs,
  );
}

export interface BenchAccount {
  id: string;
  apiKey: string;
  /** The headers of a request with the account's API key. */
  auth: Record<string, string>;
  /** The same, for a JSON body (`jsonHeaders`). */
  json: Record<string, string>;
}

/** A fresh account through the admin API, with its API key and the headers of its requests. */
export async function createBenchAccount(base: string, name = 'Bench'): Promise<BenchAccount> {
  const response = await fetch(`${base}/v1/accounts`, {
    method: 'POST',
    headers: jsonHeaders(BENCH_ADMIN_TOKEN),
    body: JSON.stringify({ name }),
  });
  const { id, apiKey } = (await response.json()) as { id: string; apiKey: string };
  return { id, apiKey, auth: { authorization: `Bearer ${apiKey}` }, json: jsonHeaders(apiKey) };
}

/** A backlog for the classifier: `total` messages of one account, the n-th with the body `bodyOf(n)`. */
export interface InboundBacklog {
  accountId: string;
  total: number;
  /** Message, correlation and job ids start with it: a backlog loaded twice needs a new one, or the ledger takes the messages for repeats. */
  tag: string;
  bodyOf(n: number): string;
}

/** The backlog put straight into the inbound queue in jobs of 500 messages, as the gateway's batches would, 20 jobs per round trip. */
export async function preloadInbound(queue: Queue<InboundJob>, backlog: InboundBacklog): Promise<void> {
  const perJob = 500;
  const now = new Date().toISOString();
  let added = 0;
  while (added < backlog.total) {
    const jobs = [];
    for (let j = 0; j < 20 && added < backlog.total; j++) {
      const messages: InboundMessage[] = [];
      for (let i = 0; i < perJob && added < backlog.total; i++, added++) {
        messages.push({
          accountId: backlog.accountId,
          messageId: `${backlog.tag}-${added}`,
          from: `+1202555${String(1000 + (added % 9000))}`,
          to: '+12025550100',
          body: backlog.bodyOf(added),
          receivedAt: now,
          acceptedAt: now,
          correlationId: `${backlog.tag}-${added}`,
        });
      }
      jobs.push({ name: QueueName.Inbound, data: { v: 1 as const, messages }, opts: { jobId: `${backlog.tag}-job-${added}`, removeOnComplete: true } });
    }
    await queue.addBulk(jobs);
  }
}

/**
 * Seconds one classifier process (WORKER_CONCURRENCY 4, node's flags `nodeFlags`) takes to
 * drain `backlog` from the emptied inbound queue, its start included. The classifier joins
 * `children`, so that the caller's clean-up stops it if the drain fails.
 */
export async function classifierDrainSeconds(bench: BenchEnvironment, children: ChildProcess[], backlog: InboundBacklog, nodeFlags: string[] = []): Promise<number> {
  // A connection handed to BullMQ is not closed by queue.close(): it is disconnected below,
  // or it would keep the process alive after the figures are printed.
  const connection = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const inbound = new Queue<InboundJob>(QueueName.Inbound, { connection, prefix: bench.queuePrefix });
  try {
    await inbound.obliterate({ force: true });
    await preloadInbound(inbound, backlog);
    const started = Date.now();
    const classifier = startApp('classifier', bench.env({ WORKER_CONCURRENCY: '4' }), nodeFlags);
    children.push(classifier);
    await waitUntilDrained(inbound, 'the backlog to drain');
    const seconds = (Date.now() - started) / 1000;
    await stopProcess(classifier);
    return seconds;
  } finally {
    await inbound.close();
    connection.disconnect();
  }
}
