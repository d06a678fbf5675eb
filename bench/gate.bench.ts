import type { ChildProcess } from 'node:child_process';
import {
  BenchEnvironment,
  createBenchAccount,
  drive,
  driveRounds,
  formatRate,
  freePort,
  measureHelloWorld,
  median,
  startApp,
  stopProcess,
  waitForGateway,
} from './support/bench-harness';

/**
 * `npm run bench:gate`: the send gate next to a bare NestJS-on-Fastify hello world measured
 * in the same run: single lookups (warm cache, 100 connections), batch checks (100 numbers
 * per request), and time-to-block — from the 202 of a STOP to the first gate answer of
 * `allowed: false` — while 1000 other inbound messages a second flow through the pipeline.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROBES = Number(process.env.BENCH_PROBES ?? 200);
const CONNECTIONS = 100;

async function main(): Promise<void> {
  const reference = await measureHelloWorld(CONNECTIONS, SECONDS, ROUNDS);
  console.log(`hello world: ${formatRate(reference.requestsPerSecond)} req/s (rounds ${reference.rounds.map(formatRate).join(', ')})`);

  const bench = new BenchEnvironment();
  await bench.create();
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const workerEnv = bench.env({ METRICS_PORT: '0' });
    children.push(startApp('gateway', bench.env({ PORT: String(port) })));
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const auth = { authorization: `Bearer ${account.apiKey}` };
    const json = { ...auth, 'content-type': 'application/json' };

    // Warm the cache for 1000 numbers (a batch check fills every miss).
    const numbers = Array.from({ length: 1000 }, (_, i) => `+1202555${String(1000 + i)}`);
    await fetch(`${base}/v1/gate/${account.id}/check`, { method: 'POST', headers: json, body: JSON.stringify({ phones: numbers }) });

    const single = await driveRounds(
      { url: base, method: 'GET', headers: auth, paths: numbers.map((n) => `/v1/gate/${account.id}/${encodeURIComponent(n)}`), connections: CONNECTIONS, durationSeconds: SECONDS },
      ROUNDS,
    );
    console.log(`single lookups: ${formatRate(single.requestsPerSecond)} req/s, p99 ${single.p99Ms} ms, non-2xx ${single.non2xx}`);

    const perRequest = 100;
    const batch = await driveRounds(
      { url: `${base}/v1/gate/${account.id}/check`, method: 'POST', headers: json, bodyTemplate: JSON.stringify({ phones: numbers.slice(0, perRequest) }), connections: 20, durationSeconds: SECONDS },
      ROUNDS,
    );
    console.log(`batch checks: ${formatRate(batch.requestsPerSecond * perRequest)} numbers/s (${formatRate(batch.requestsPerSecond)} req/s of ${perRequest}), p99 ${batch.p99Ms} ms`);

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
    for (let i = 0; i < PROBES; i++) {
      const phone = `+1303555${String(1000 + i)}`;
      const response = await fetch(`${base}/v1/inbound`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ accountId: account.id, messageId: `ttb-${i}`, from: phone, to: '+12025550100', body: 'STOP' }),
      });
      const accepted = performance.now();
      if (response.status !== 202) throw new Error(`STOP answered ${response.status}`);
      for (;;) {
        const answer = (await (await fetch(`${base}/v1/gate/${account.id}/${encodeURIComponent(phone)}`, { headers: auth })).json()) as { allowed: boolean };
        if (answer.allowed === false) break;
        if (performance.now() - accepted > 10_000) throw new Error(`${phone} not blocked after 10 s`);
      }
      samples.push(performance.now() - accepted);
    }
    const load = await background;
    const sorted = [...samples].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
    console.log(`time-to-block: p50 ${median(samples).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${PROBES} STOPs; background ${formatRate(load.requestsPerSecond)} msg/s (non-2xx ${load.non2xx})`);

    console.log('\nbench:gate summary (medians; goals in brackets)');
    console.log(`  hello-world reference          ${formatRate(reference.requestsPerSecond)} req/s`);
    console.log(`  single lookups, warm cache     ${formatRate(single.requestsPerSecond)} req/s, p99 ${single.p99Ms} ms = ${((single.requestsPerSecond / reference.requestsPerSecond) * 100).toFixed(0)}% of hello world   [≥ 85%]`);
    console.log(`  batch checks (100/request)     ${formatRate(batch.requestsPerSecond * perRequest)} numbers/s   [≥ 300,000]`);
    console.log(`  time-to-block under 1000/s     p50 ${median(samples).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms   [p99 ≤ 50 ms]`);
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await bench.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
