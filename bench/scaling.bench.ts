import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { InboundJob, QueueName } from '@optout/contracts';
import {
  BENCH_REDIS_URL,
  BenchEnvironment,
  createBenchAccount,
  drive,
  formatRate,
  GATE_NUMBERS,
  startApp,
  startGateway,
  stopProcess,
  waitUntil,
  waitUntilDrained,
  warmGateCache,
} from './support/bench-harness';

/**
 * `npm run bench:scaling`: does a second process add capacity? Two figures, each with one and
 * then two processes of the kind measured:
 *
 * - classifier drain: BENCH_JOBS inbound jobs of 500 messages (1 in 100 a STOP) put on the
 *   queue at once while the classifiers wait on it; messages classified per second until the
 *   inbound queue is empty (the consent jobs they produce are left waiting: no blocklist runs);
 * - gate lookups: single warm-cache lookups against one gateway, then against two (the load
 *   split evenly over both ports, as a load balancer would), for BENCH_SECONDS.
 *
 * On a machine with two cores the second process competes with the first, with Redis, Postgres
 * and the load generator: read the ratio as "how much of a core the first process left idle",
 * not as scaling (docs/scaling.md).
 */
const JOBS = Number(process.env.BENCH_JOBS ?? 60);
const PER_JOB = 500;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function main(): Promise<void> {
  const bench = new BenchEnvironment();
  await bench.create();
  const children: ChildProcess[] = [];
  const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const inbound = new Queue(QueueName.Inbound, { connection: redis, prefix: bench.queuePrefix });
  try {
    const { child: gateway, base } = await startGateway(bench.env());
    children.push(gateway);
    const account = await createBenchAccount(base);

    for (const processes of [1, 2]) {
      const classifiers = Array.from({ length: processes }, () => startApp('classifier', bench.env({ METRICS_PORT: '0' })));
      await waitUntil(`${processes} classifier(s) on the queue`, async () => (await inbound.getWorkersCount()) >= processes, 60_000);
      const jobs = Array.from({ length: JOBS }, (_, j) => ({ name: QueueName.Inbound, data: inboundJob(account.id, `${processes}-${j}`), opts: { jobId: `bench-${processes}-${j}` } }));
      const started = Date.now();
      await inbound.addBulk(jobs);
      await waitUntilDrained(inbound, 'the inbound queue to drain');
      const seconds = (Date.now() - started) / 1000;
      console.log(`classifier drain, ${processes} process(es): ${JOBS * PER_JOB} messages in ${seconds.toFixed(1)} s = ${formatRate((JOBS * PER_JOB) / seconds)} messages/s`);
      await Promise.all(classifiers.map((child) => stopProcess(child)));
    }

    const auth = { authorization: `Bearer ${account.apiKey}` };
    const numbers = GATE_NUMBERS;
    await warmGateCache(base, account, numbers);
    const bases = [base];
    for (const processes of [1, 2]) {
      if (processes === 2) {
        const second = await startGateway(bench.env(), 'the second gateway');
        children.push(second.child);
        bases.push(second.base);
      }
      const results = await Promise.all(
        bases.slice(0, processes).map((url) =>
          drive({ url, method: 'GET', headers: auth, paths: numbers.map((n) => `/v1/gate/${account.id}/${encodeURIComponent(n)}`), connections: 100 / processes, durationSeconds: SECONDS }),
        ),
      );
      const total = results.reduce((sum, result) => sum + result.requestsPerSecond, 0);
      console.log(
        `gate lookups, ${processes} gateway(s): ${formatRate(total)} req/s (p99 ${Math.max(...results.map((r) => r.p99Ms))} ms, non-2xx ${results.reduce((sum, r) => sum + r.non2xx, 0)})`,
      );
    }
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await inbound.close();
    redis.disconnect();
    await bench.destroy();
  }
}

/** One inbound job as the gateway builds it: 500 texts, one in a hundred a STOP. */
function inboundJob(accountId: string, tag: string): InboundJob {
  const now = new Date().toISOString();
  return {
    v: 1,
    messages: Array.from({ length: PER_JOB }, (_, i) => ({
      accountId,
      messageId: `bench-${tag}-${i}`,
      from: `+1202${String(3_000_000 + i)}`,
      to: '+12025550100',
      body: i % 100 === 0 ? 'STOP' : 'see you at noon, thanks',
      receivedAt: now,
      acceptedAt: now,
      correlationId: `bench-${tag}-${i}`,
    })),
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
