import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { InboundJob, InboundMessage, QueueName } from '@optout/contracts';
import {
  BENCH_REDIS_URL,
  BenchEnvironment,
  compareRounds,
  createBenchAccount,
  describeFigures,
  formatRate,
  jsonHeaders,
  loadAverage,
  ratio,
  startApp,
  startOnFreePort,
  startReference,
  stopProcess,
  waitForGateway,
  waitUntilDrained,
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

async function main(): Promise<void> {
  const bench = new BenchEnvironment();
  const children: ChildProcess[] = [];
  await bench.create();
  try {
    // The gateway alone (no workers), so that what it queues stays queued.
    const { child: gateway, base } = await startOnFreePort('gateway', bench.env({ INBOUND_MAX_BACKLOG_JOBS: '10000000' }));
    children.push(gateway);
    const { child: reference, base: referenceBase } = await startReference(bench.keyPrefix);
    children.push(reference);
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const headers = jsonHeaders(account.apiKey);
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

    // (f) a backlog drained by one classifier process.
    // A connection handed to BullMQ is not closed by queue.close(): it is disconnected below,
    // or it would keep the process alive after the figures are printed.
    const connection = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
    const inbound = new Queue<InboundJob>(QueueName.Inbound, { connection, prefix: bench.queuePrefix });
    await inbound.obliterate({ force: true });
    await preload(inbound, account.id);
    const started = Date.now();
    const classifier = startApp('classifier', bench.env({ WORKER_CONCURRENCY: '4' }));
    children.push(classifier);
    await waitUntilDrained(inbound, 'the backlog to drain');
    const drainSeconds = (Date.now() - started) / 1000;
    await stopProcess(classifier);
    await inbound.close();
    connection.disconnect();
    const drained = BACKLOG_MESSAGES / drainSeconds;
    console.log(`(f) classifier drain: ${formatRate(drained)} messages/s (${BACKLOG_MESSAGES} messages, ${(KEYWORD_SHARE * 100).toFixed(0)}% keywords, ${drainSeconds.toFixed(1)} s including process start)`);

    console.log(`\nbench:ingest summary — medians of ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections; load average at start ${load}, at end ${loadAverage()}`);
    console.log('  "rate" is what the shared machine gave; "CPU" is the server\'s CPU time per request, the steadier figure (1e6 / CPU = one dedicated core\'s rate).');
    console.log('  route                                rate                    CPU µs/req   rate ratio to ceiling   CPU ratio (ceiling/route)   goal');
    const row = (label: string, rate: string, figures: { cpuMicrosPerRequest: number }, rateRatio: string, cpuRatio: string, goal = '') =>
      console.log(`  ${label.padEnd(36)} ${rate.padEnd(23)} ${figures.cpuMicrosPerRequest.toFixed(0).padStart(10)}   ${rateRatio.padEnd(23)} ${cpuRatio.padEnd(27)} ${goal}`);
    row('GET /hello (bare)', `${formatRate(hello.requestsPerSecond)} req/s`, hello, ratio(hello.requestsPerSecond, ceiling.requestsPerSecond), ratio(ceiling.cpuMicrosPerRequest, hello.cpuMicrosPerRequest));
    row('POST /ceiling/inbound (bare + write)', `${formatRate(ceiling.requestsPerSecond)} req/s`, ceiling, '1.00', '1.00');
    row('POST /v1/inbound', `${formatRate(single.requestsPerSecond)} req/s`, single, ratio(single.requestsPerSecond, ceiling.requestsPerSecond), ratio(ceiling.cpuMicrosPerRequest, single.cpuMicrosPerRequest), '≥ 1.00');
    console.log(
      `  POST /v1/inbound/batch (1000)        ${formatRate(batch.unitsPerSecond)} messages/s; CPU ${(batch.cpuMicrosPerRequest / BATCH_SIZE).toFixed(1)} µs/message = ${formatRate((1e6 * BATCH_SIZE) / batch.cpuMicrosPerRequest)} messages/s per dedicated core; JSON.parse alone ${formatRate(parseOnly)}/s   [≥ 100,000 messages/s]`,
    );
    console.log(`  classifier drain                     ${formatRate(drained)} messages/s   [≥ 20,000]`);
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await bench.destroy();
  }
}

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

/** 200k messages with 5% keywords, put straight into the inbound queue in jobs of 500, as the gateway's batches would. */
async function preload(queue: Queue<InboundJob>, accountId: string): Promise<void> {
  const perJob = 500;
  const now = new Date().toISOString();
  let added = 0;
  while (added < BACKLOG_MESSAGES) {
    const jobs = [];
    for (let j = 0; j < 20 && added < BACKLOG_MESSAGES; j++) {
      const messages: InboundMessage[] = [];
      for (let i = 0; i < perJob && added < BACKLOG_MESSAGES; i++, added++) {
        messages.push({
          accountId,
          messageId: `d-${added}`,
          from: `+1202555${String(1000 + (added % 9000))}`,
          to: '+12025550100',
          body: added % Math.round(1 / KEYWORD_SHARE) === 0 ? 'STOP' : 'Can I order roses for Friday?',
          receivedAt: now,
          acceptedAt: now,
          correlationId: `d-${added}`,
        });
      }
      jobs.push({ name: QueueName.Inbound, data: { v: 1 as const, messages }, opts: { jobId: `bench-${added}`, removeOnComplete: true } });
    }
    await queue.addBulk(jobs);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
