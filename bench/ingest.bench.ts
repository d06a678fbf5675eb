import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { InboundJob, InboundMessage, QueueName } from '@optout/contracts';
import {
  BENCH_REDIS_URL,
  BenchEnvironment,
  createBenchAccount,
  driveRounds,
  formatRate,
  freePort,
  measureHelloWorld,
  startApp,
  stopProcess,
  waitForGateway,
  waitUntil,
} from './support/bench-harness';

/**
 * `npm run bench:ingest`: what the gateway takes and what the classifier drains, next to a
 * bare NestJS-on-Fastify hello-world measured in the same run on the same machine.
 * Each HTTP figure is the median of ROUNDS rounds; the load generator is its own process.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 100;
const BACKLOG_MESSAGES = Number(process.env.BENCH_BACKLOG ?? 200_000);
const KEYWORD_SHARE = 0.05;

async function main(): Promise<void> {
  const figures: Record<string, string> = {};

  // (a) the reference
  const reference = await measureHelloWorld(CONNECTIONS, SECONDS, ROUNDS);
  console.log(`(a) hello world: ${formatRate(reference.requestsPerSecond)} req/s (rounds ${reference.rounds.map(formatRate).join(', ')})`);

  const bench = new BenchEnvironment();
  const children: ChildProcess[] = [];
  await bench.create();
  try {
    // (b), (c): the gateway alone, so that what it queues stays queued.
    const port = await freePort();
    const gateway = startApp('gateway', bench.env({ PORT: String(port), INBOUND_MAX_BACKLOG_JOBS: '10000000' }));
    children.push(gateway);
    const base = `http://127.0.0.1:${port}`;
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const headers = { authorization: `Bearer ${account.apiKey}`, 'content-type': 'application/json' };

    const single = await driveRounds(
      {
        url: `${base}/v1/inbound`,
        method: 'POST',
        headers,
        connections: CONNECTIONS,
        durationSeconds: SECONDS,
        bodyTemplate: JSON.stringify({ accountId: account.id, messageId: 'm-{{n}}', from: '+12025550199', to: '+12025550100', body: 'hello there' }),
      },
      ROUNDS,
    );
    console.log(`(b) POST /v1/inbound: ${formatRate(single.requestsPerSecond)} req/s, p99 ${single.p99Ms} ms, non-2xx ${single.non2xx} (rounds ${single.rounds.map(formatRate).join(', ')})`);

    const batchSize = 1000;
    const batchItems = Array.from({ length: batchSize }, (_, i) =>
      JSON.stringify({ accountId: account.id, messageId: `b-{{n}}-${i}`, from: `+1202555${String(1000 + (i % 9000))}`, to: '+12025550100', body: i % 20 === 0 ? 'STOP' : 'hello there' }),
    );
    const batch = await driveRounds(
      { url: `${base}/v1/inbound/batch`, method: 'POST', headers, connections: 8, durationSeconds: SECONDS, bodyTemplate: `{"messages":[${batchItems.join(',')}]}` },
      ROUNDS,
    );
    const batchMessages = batch.requestsPerSecond * batchSize;
    console.log(`(c) POST /v1/inbound/batch (1000 messages): ${formatRate(batchMessages)} messages/s, p99 ${batch.p99Ms} ms, non-2xx ${batch.non2xx}`);
    await stopProcess(gateway);

    // (d) a backlog drained by one classifier process.
    // A connection handed to BullMQ is not closed by queue.close(): it is disconnected below,
    // or it would keep the process alive after the figures are printed.
    const connection = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
    const inbound = new Queue<InboundJob>(QueueName.Inbound, { connection, prefix: bench.queuePrefix });
    await inbound.obliterate({ force: true });
    await preload(inbound, account.id);
    const started = Date.now();
    const classifier = startApp('classifier', bench.env({ WORKER_CONCURRENCY: '4' }));
    children.push(classifier);
    await waitUntil(
      'the backlog to drain',
      async () => {
        const counts = await inbound.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
        return Object.values(counts).every((n) => n === 0);
      },
      600_000,
    );
    const drainSeconds = (Date.now() - started) / 1000;
    await stopProcess(classifier);
    await inbound.close();
    connection.disconnect();
    const drained = BACKLOG_MESSAGES / drainSeconds;
    console.log(`(d) classifier drain: ${formatRate(drained)} messages/s (${BACKLOG_MESSAGES} messages, ${(KEYWORD_SHARE * 100).toFixed(0)}% keywords, ${drainSeconds.toFixed(1)} s including process start)`);

    figures.a = `${formatRate(reference.requestsPerSecond)} req/s`;
    figures.b = `${formatRate(single.requestsPerSecond)} req/s, p99 ${single.p99Ms} ms`;
    figures.c = `${formatRate(batchMessages)} messages/s`;
    figures.d = `${formatRate(drained)} messages/s`;
    figures.e = `${((single.requestsPerSecond / reference.requestsPerSecond) * 100).toFixed(0)}%`;
    console.log('\nbench:ingest summary (medians; goals in brackets)');
    console.log(`  (a) hello-world reference        ${figures.a}`);
    console.log(`  (b) POST /v1/inbound             ${figures.b}`);
    console.log(`  (c) batch ingestion              ${figures.c}   [≥ 100,000]`);
    console.log(`  (d) classifier drain             ${figures.d}   [≥ 20,000]`);
    console.log(`  (e) (b)/(a)                      ${figures.e}   [≥ 70%]`);
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await bench.destroy();
  }
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
