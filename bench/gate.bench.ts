import IORedis from 'ioredis';
import { gateKey } from '@optout/gate';
import {
  BENCH_REDIS_URL,
  compareRounds,
  describeFigures,
  drive,
  formatRate,
  GATE_NUMBERS,
  loadAverage,
  median,
  printCeilingTable,
  ratio,
  runBench,
  startApp,
  startGatewayAndReference,
  stopProcess,
  warmGateCache,
} from './support/bench-harness';

/**
 * `npm run bench:gate`: the send gate next to the bare references that do the same substrate
 * work, measured in the same run (bench/support/hello-world.server.ts): `GET /hello`, and
 * `GET /ceiling/gate/:accountId/:phone` (one auto-pipelined `HGETALL` of the same cache key).
 * Single lookups (warm cache, 100 connections), batch checks (100 numbers per request) next
 * to pipelines of the same `HGETALL`s straight from a client, and time-to-block — from the 202
 * of a STOP to the first gate answer of `allowed: false` — while 1000 other inbound messages a
 * second flow through the pipeline. References and routes alternate round by round.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROBES = Number(process.env.BENCH_PROBES ?? 200);
const CONNECTIONS = 100;
const PER_CHECK = 100;

runBench(async (bench, children) => {
  const workerEnv = bench.env({ METRICS_PORT: '0' });
  const { gateway, base, reference, referenceBase, account } = await startGatewayAndReference(bench, children);
  const { auth, json } = account;

  const numbers = GATE_NUMBERS;
  await warmGateCache(base, account, numbers);
  const loadAtStart = loadAverage();

  const lookupPaths = (prefix: string) => numbers.map((n) => `${prefix}/${account.id}/${encodeURIComponent(n)}`);
  const singles = await compareRounds(
    [
      { name: 'hello', serverPid: reference.pid, spec: { url: `${referenceBase}/hello`, method: 'GET', connections: CONNECTIONS, durationSeconds: SECONDS } },
      { name: 'ceiling', serverPid: reference.pid, spec: { url: referenceBase, method: 'GET', paths: lookupPaths('/ceiling/gate'), connections: CONNECTIONS, durationSeconds: SECONDS } },
      { name: 'lookup', serverPid: gateway.pid, spec: { url: base, method: 'GET', headers: auth, paths: lookupPaths('/v1/gate'), connections: CONNECTIONS, durationSeconds: SECONDS } },
    ],
    ROUNDS,
  );
  const [hello, ceiling, single] = ['hello', 'ceiling', 'lookup'].map((name) => singles.get(name)!);
  console.log(`GET /hello (bare):                         ${describeFigures(hello)}`);
  console.log(`GET /ceiling/gate/… (bare + 1 HGETALL):    ${describeFigures(ceiling)}`);
  console.log(`GET /v1/gate/:accountId/:phone (warm):     ${describeFigures(single)}`);

  const batches = await compareRounds(
    [
      {
        name: 'check',
        serverPid: gateway.pid,
        spec: { url: `${base}/v1/gate/${account.id}/check`, method: 'POST', headers: json, bodyTemplate: JSON.stringify({ phones: numbers.slice(0, PER_CHECK) }), connections: 20, durationSeconds: SECONDS },
        unitsPerRequest: PER_CHECK,
      },
    ],
    ROUNDS,
  );
  const batch = batches.get('check')!;
  const pipelined = await pipelinedLookupRate(bench.keyPrefix, account.id, numbers.slice(0, PER_CHECK), 20);
  console.log(`POST /v1/gate/:accountId/check (${PER_CHECK}/request): ${describeFigures(batch, 'numbers/s')}`);
  console.log(`pipelines of ${PER_CHECK} HGETALL from one client, 20 at once: ${formatRate(pipelined)} numbers/s`);
  await stopProcess(reference);

  // Time-to-block, with the whole pipeline running and 1000 other messages/s flowing.
  children.push(startApp('classifier', workerEnv), startApp('blocklist', workerEnv), startApp('dispatcher', workerEnv));
  const background = drive({
    url: `${base}/v1/inbound`,
    method: 'POST',
    headers: json,
    connections: 20,
    overallRate: 1000,
    durationSeconds: Math.max(20, Math.ceil(PROBES * 0.1) + 10),
    bodyTemplate: JSON.stringify({ accountId: account.id, messageId: 'bg-{{n}}', from: '+12025550111', to: '+12025550100', body: 'Can I order roses for Friday?' }),
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const samples: number[] = [];
  let late = 0;
  for (let i = 0; i < PROBES; i++) {
    const phone = `+1303555${String(1000 + i)}`;
    const response = await fetch(`${base}/v1/inbound`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ accountId: account.id, messageId: `ttb-${i}`, from: phone, to: '+12025550100', body: 'STOP' }),
    });
    const accepted = performance.now();
    if (response.status !== 202) throw new Error(`STOP answered ${response.status}`);
    let blocked = false;
    while (!blocked && performance.now() - accepted < 10_000) {
      const answer = (await (await fetch(`${base}/v1/gate/${account.id}/${encodeURIComponent(phone)}`, { headers: auth })).json()) as { allowed: boolean };
      blocked = answer.allowed === false;
    }
    // A STOP not applied within 10 s is a sample of 10 s (it counts against the p99), not a crash.
    if (!blocked) late++;
    samples.push(performance.now() - accepted);
  }
  const load = await background;
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
  console.log(`time-to-block: p50 ${median(samples).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${PROBES} STOPs (${late} not blocked within 10 s); background ${formatRate(load.requestsPerSecond)} msg/s (non-2xx ${load.non2xx})`);

  console.log(`\nbench:gate summary — medians of ${ROUNDS} rounds of ${SECONDS} s; load average at start ${loadAtStart}, at end ${loadAverage()}`);
  printCeilingTable(ceiling, [
    { label: 'GET /hello (bare)', figures: hello },
    { label: 'GET /ceiling/gate (bare + HGETALL)', figures: ceiling },
    { label: 'GET /v1/gate/:accountId/:phone', figures: single, goal: '≥ 0.90' },
  ]);
  console.log(
    `  POST /v1/gate/…/check (100/request)  ${formatRate(batch.unitsPerSecond)} numbers/s; CPU ${(batch.cpuMicrosPerRequest / PER_CHECK).toFixed(1)} µs/number = ${formatRate((1e6 * PER_CHECK) / batch.cpuMicrosPerRequest)} numbers/s per dedicated core; ${ratio(batch.unitsPerSecond, pipelined)} of client pipelines   [≥ 300,000 numbers/s]`,
  );
  console.log(`  time-to-block under 1000 msg/s       p50 ${median(samples).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms   [p99 ≤ 25 ms]`);
});

/** Numbers/s read as pipelines of `HGETALL`s (the gate's batch read) straight from one client, `concurrency` pipelines in flight, for 2 s. */
async function pipelinedLookupRate(keyPrefix: string, accountId: string, phones: string[], concurrency: number): Promise<number> {
  const redis = new IORedis(BENCH_REDIS_URL);
  const keys = phones.map((phone) => gateKey(keyPrefix, accountId, phone));
  let read = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < 2000) {
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.hgetall(key);
        await pipeline.exec();
        read += keys.length;
      }
    }),
  );
  const rate = read / ((performance.now() - started) / 1000);
  redis.disconnect();
  return rate;
}
