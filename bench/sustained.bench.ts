import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { ALL_QUEUE_NAMES } from '@optout/contracts';
import {
  BENCH_REDIS_URL,
  cpuProfileFlags,
  createBenchAccount,
  drive,
  formatRate,
  loadAverage,
  runBench,
  startOnFreePort,
  stopProcess,
  waitForGateway,
  waitUntil,
} from './support/bench-harness';

/**
 * `npm run bench:sustained`: the all-in-one process `npm start` runs (gateway and every worker
 * in one process; here on the benchmark's own Postgres database rather than PGlite) under
 * BENCH_RATE (default 2000) inbound messages/s for BENCH_SECONDS (default 60), one in ten a
 * STOP from a number of its own. Prints the latency the carriers saw (p50, p99, max), then
 * waits for the pipeline to drain and checks that every accepted STOP blocked its number,
 * and reads the process's own figures from /metrics: event-loop lag, GC time, RSS and the
 * time-to-block histogram.
 */
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const STOP_EVERY = 10;

runBench(async (bench) => {
  const { child: app, base } = await startOnFreePort('standalone', bench.env({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', METRICS_PORT: '0' }), cpuProfileFlags());
  let peakRssMiB = 0;
  const rssSampler = setInterval(() => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.pid}/status`, 'utf8'));
    if (match) peakRssMiB = Math.max(peakRssMiB, Number(match[1]) / 1024);
  }, 500);
  try {
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const template = (body: string, from: string) => JSON.stringify({ accountId: account.id, messageId: 's-{{n}}', from, to: '+12025550100', body });
    // Request n is a STOP when n % 10 === 0, from +1303 followed by n as seven digits.
    const bodies = Array.from({ length: STOP_EVERY }, (_, i) => (i === 0 ? template('STOP', '+1303{{seq}}') : template('Can I order roses for Friday?', '+12025550111')));
    const loadAtStart = loadAverage();
    const idleRssMiB = peakRssMiB;
    const result = await drive({ url: `${base}/v1/inbound`, method: 'POST', headers: account.json, bodyTemplates: bodies, connections: 50, overallRate: RATE, durationSeconds: SECONDS });
    const loadAtEnd = loadAverage();
    console.log(
      `${formatRate(result.requestsPerSecond)} msg/s for ${SECONDS} s: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; non-2xx ${result.non2xx}, errors ${result.errors}; load average ${loadAtStart} → ${loadAtEnd}`,
    );

    const drainStarted = Date.now();
    await waitForDrain(bench.queuePrefix);
    console.log(`pipeline drained ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the load ended`);
    const stops = Math.ceil(result.requests / STOP_EVERY);
    const blocked = await countOptedOut(bench.databaseUrl, account.id);
    console.log(`STOPs sent about ${stops} (requests ${result.requests}); numbers opted out in Postgres: ${blocked}`);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    const gauge = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    console.log(`event-loop lag p99 over the run's last window ${(gauge('nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} ms, max ${(gauge('nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)} ms`);
    console.log(`GC: ${gcSeconds(metrics).toFixed(2)} s in total since start; RSS idle ${idleRssMiB.toFixed(0)} MiB, peak ${peakRssMiB.toFixed(0)} MiB`);
    console.log(`time-to-block histogram (le → count): ${histogram(metrics, 'optout_time_to_block_seconds')}`);
  } finally {
    clearInterval(rssSampler);
    await stopProcess(app, 60_000);
  }
});

async function waitForDrain(prefix: string): Promise<void> {
  const connection = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const queues = ALL_QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix }));
  try {
    await waitUntil(
      'the pipeline to drain',
      async () => (await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized')))).every((counts) => Object.values(counts).every((n) => n === 0)),
      600_000,
    );
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  }
}

async function countOptedOut(databaseUrl: string, accountId: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [accountId]);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

function gcSeconds(metrics: string): number {
  return [...metrics.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

function histogram(metrics: string, name: string): string {
  return [...metrics.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"[^}]*\\} (\\d+)$`, 'gm'))].map((match) => `${match[1]}→${match[2]}`).join(' ');
}
