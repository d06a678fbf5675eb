import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadSpec } from './support/load-driver';
import { summarise } from './support/profile-summary';
import {
  BenchEnvironment,
  createBenchAccount,
  drive,
  formatRate,
  GATE_NUMBERS,
  loadAverage,
  startOnFreePort,
  stopProcess,
  waitForGateway,
  warmGateCache,
} from './support/bench-harness';

/**
 * `npm run bench:profile -- <route>`: one hot route under load for BENCH_SECONDS (default 8)
 * on a gateway running with V8's CPU profiler, then the profile's summary (share of busy time
 * per area and the hottest functions). Routes: inbound, batch, lookup, check.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUTES = ['inbound', 'batch', 'lookup', 'check'] as const;
type Route = (typeof ROUTES)[number];

async function main(route: Route): Promise<void> {
  const bench = new BenchEnvironment();
  await bench.create();
  const profileDir = mkdtempSync(join(tmpdir(), 'optout-profile-'));
  const spawnedAt = Date.now();
  let window = { fromMs: 0, toMs: 0 };
  const { child: gateway, base } = await startOnFreePort('gateway', bench.env({ INBOUND_MAX_BACKLOG_JOBS: '10000000' }), ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  try {
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const { auth, json } = account;
    const numbers = GATE_NUMBERS;
    await warmGateCache(base, account, numbers);
    const message = (id: string, i = 0) => ({ accountId: account.id, messageId: id, from: `+1202555${String(1000 + (i % 9000))}`, to: '+12025550100', body: i % 20 === 0 ? 'STOP' : 'hello there' });
    const specs: Record<Route, LoadSpec> = {
      inbound: { url: `${base}/v1/inbound`, method: 'POST', headers: json, connections: 100, durationSeconds: SECONDS, bodyTemplate: JSON.stringify(message('m-{{n}}', 1)) },
      batch: {
        url: `${base}/v1/inbound/batch`,
        method: 'POST',
        headers: json,
        connections: 8,
        durationSeconds: SECONDS,
        bodyTemplate: JSON.stringify({ messages: numbers.map((_, i) => message(`b-{{n}}-${i}`, i)) }),
      },
      lookup: { url: base, method: 'GET', headers: auth, connections: 100, durationSeconds: SECONDS, paths: numbers.map((n) => `/v1/gate/${account.id}/${encodeURIComponent(n)}`) },
      check: { url: `${base}/v1/gate/${account.id}/check`, method: 'POST', headers: json, connections: 20, durationSeconds: SECONDS, bodyTemplate: JSON.stringify({ phones: numbers.slice(0, 100) }) },
    };
    const load = loadAverage();
    const driveAt = Date.now() - spawnedAt;
    // The profile starts with the process: keep the load's middle, not start-up or the ramp.
    window = { fromMs: driveAt + 1000, toMs: driveAt + SECONDS * 1000 - 500 };
    const result = await drive(specs[route]);
    console.log(`${route}: ${formatRate(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}; load average ${load} → ${loadAverage()}`);
  } finally {
    const stopping = Date.now();
    await stopProcess(gateway, 120_000);
    console.log(`gateway stopped in ${Date.now() - stopping} ms`);
    await bench.destroy();
  }
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  console.log(`profile: ${join(profileDir, file)}\n`);
  console.log(summarise(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), Number(process.env.BENCH_TOP ?? 30), window));
}

const route = process.argv[2] as Route;
if (!ROUTES.includes(route)) {
  console.error(`usage: npm run bench:profile -- <${ROUTES.join('|')}>`);
  process.exit(2);
}
main(route).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
