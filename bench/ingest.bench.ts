import {
  classifierDrainSeconds,
  compareRounds,
  describeFigures,
  formatRate,
  loadAverage,
  printCeilingTable,
  runBench,
  startGatewayAndReference,
  stopProcess,
} from './support/bench-harness';

/**
 * `npm run bench:ingest`: what the gateway takes and what the classifier drains, each next to
 * the bare reference that does the same substrate work, measured in the same run on the same
 * machine (bench/support/hello-world.server.ts): `GET /hello`, and `POST /ceiling/inbound`
 * (JSON parsed, one Redis write, 202). References and routes alternate round by round; each
 * figure is the median of ROUNDS rounds; the load generator is its own process.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 100;
const BACKLOG_MESSAGES = Number(process.env.BENCH_BACKLOG ?? 200_000);
const KEYWORD_SHARE = 0.05;
const BATCH_SIZE = 1000;

runBench(async (bench, children) => {
  // The gateway alone (no workers), so that what it queues stays queued.
  const { gateway, base, reference, referenceBase, account } = await startGatewayAndReference(bench, children, { INBOUND_MAX_BACKLOG_JOBS: '10000000' });
  const headers = account.json;
  const message = JSON.stringify({ accountId: account.id, messageId: 'm-{{n}}', from: '+12025550199', to: '+12025550100', body: 'hello there' });
  const batchItems = Array.from({ length: BATCH_SIZE }, (_, i) =>
    JSON.stringify({ accountId: account.id, messageId: `b-{{n}}-${i}`, from: `+1202555${String(1000 + (i % 9000))}`, to: '+12025550100', body: i % 20 === 0 ? 'STOP' : 'hello there' }),
  );
  const batchBody = `{"messages":[${batchItems.join(',')}]}`;
  const load = loadAverage();

  const singles = await compareRounds(
    [
      { name: 'hello', serverPid: reference.pid, spec: { url: `${referenceBase}/hello`, method: 'GET', connections: CONNECTIONS, durationSeconds: SECONDS } },
      { name: 'ceiling', serverPid: reference.pid, spec: { url: `${referenceBase}/ceiling/inbound`, method: 'POST', headers, bodyTemplate: message, connections: CONNECTIONS, durationSeconds: SECONDS } },
      { name: 'inbound', serverPid: gateway.pid, spec: { url: `${base}/v1/inbound`, method: 'POST', headers, bodyTemplate: message, connections: CONNECTIONS, durationSeconds: SECONDS } },
    ],
    ROUNDS,
  );
  const [hello, ceiling, single] = ['hello', 'ceiling', 'inbound'].map((name) => singles.get(name)!);
  console.log(`(a) GET /hello (bare):                        ${describeFigures(hello)}`);
  console.log(`(b) POST /ceiling/inbound (bare + 1 write):   ${describeFigures(ceiling)}`);
  console.log(`(c) POST /v1/inbound:                         ${describeFigures(single)}`);

  const batches = await compareRounds(
    [{ name: 'batch', serverPid: gateway.pid, spec: { url: `${base}/v1/inbound/batch`, method: 'POST', headers, connections: 8, durationSeconds: SECONDS, bodyTemplate: batchBody }, unitsPerRequest: BATCH_SIZE }],
    ROUNDS,
  );
  const batch = batches.get('batch')!;
  const parseOnly = jsonParseRate(batchBody.split('{{n}}').join('x'), BATCH_SIZE);
  console.log(`(d) POST /v1/inbound/batch (${BATCH_SIZE} messages):  ${describeFigures(batch, 'messages/s')}`);
  console.log(`(e) JSON.parse of the same body, this process: ${formatRate(parseOnly)} messages/s`);
  await stopProcess(gateway);
  await stopProcess(reference);

  // (f) a backlog drained by one classifier process: 5% keywords.
  const keywordEvery = Math.round(1 / KEYWORD_SHARE);
  const drainSeconds = await classifierDrainSeconds(bench, children, {
    accountId: account.id,
    total: BACKLOG_MESSAGES,
    tag: 'd',
    bodyOf: (n) => (n % keywordEvery === 0 ? 'STOP' : 'Can I order roses for Friday?'),
  });
  const drained = BACKLOG_MESSAGES / drainSeconds;
  console.log(`(f) classifier drain: ${formatRate(drained)} messages/s (${BACKLOG_MESSAGES} messages, ${(KEYWORD_SHARE * 100).toFixed(0)}% keywords, ${drainSeconds.toFixed(1)} s including process start)`);

  console.log(`\nbench:ingest summary — medians of ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections; load average at start ${load}, at end ${loadAverage()}`);
  printCeilingTable(ceiling, [
    { label: 'GET /hello (bare)', figures: hello },
    { label: 'POST /ceiling/inbound (bare + write)', figures: ceiling },
    { label: 'POST /v1/inbound', figures: single, goal: '≥ 1.00' },
  ]);
  console.log(
    `  POST /v1/inbound/batch (1000)        ${formatRate(batch.unitsPerSecond)} messages/s; CPU ${(batch.cpuMicrosPerRequest / BATCH_SIZE).toFixed(1)} µs/message = ${formatRate((1e6 * BATCH_SIZE) / batch.cpuMicrosPerRequest)} messages/s per dedicated core; JSON.parse alone ${formatRate(parseOnly)}/s   [≥ 100,000 messages/s]`,
  );
  console.log(`  classifier drain                     ${formatRate(drained)} messages/s   [≥ 20,000]`);
});

/** Messages/s that `JSON.parse` alone gets through on one core, for a body of `perBody` messages: the floor of any batch route. */
function jsonParseRate(body: string, perBody: number): number {
  const started = performance.now();
  let parsed = 0;
  while (performance.now() - started < 1000) {
    JSON.parse(body);
    parsed += perBody;
  }
  return parsed / ((performance.now() - started) / 1000);
}
