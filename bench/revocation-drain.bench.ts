import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { InboundJob, InboundMessage, QueueName } from '@optout/contracts';
import {
  BENCH_REDIS_URL,
  BenchEnvironment,
  createBenchAccount,
  formatRate,
  freePort,
  loadAverage,
  startApp,
  stopProcess,
  waitForGateway,
  waitUntil,
} from './support/bench-harness';

/**
 * `npm run bench:revocation`: the classifier's drain with revocation mode `reasonable` against
 * `keywords`, one after the other in the same run: a backlog of BENCH_BACKLOG messages (default
 * 100 000) with 5 % keywords, 5 % long texts (about 700 characters) that match no keyword, 2 %
 * revocation phrases, the rest short ordinary texts — all examined as phrases in reasonable mode.
 * Issue 15's floor: ≥ 50 000 messages/s in reasonable mode. BENCH_CPU_PROF=<dir> writes a CPU
 * profile of each classifier run there (the figures are then slower: compare profiles, not rates).
 */
const BACKLOG_MESSAGES = Number(process.env.BENCH_BACKLOG ?? 100_000);
const LONG_TEXT =
  'Hi there, I wanted to say the flowers arrived this morning and they were beautiful, my mother loved them so much. ' +
  'Could you tell me whether you also deliver on Sundays, and if there is a discount for regular customers like us? ' +
  'The driver was very kind and careful with the vase, please thank him from us. We will order again for the wedding ' +
  'next month, probably the white roses and some eucalyptus, if you can do a big arrangement for the church entrance. ';
const SHORT = ['Can I order roses for Friday?', 'Thanks, see you tomorrow', 'What time do you open on Sunday?', 'ok', 'Is my order ready?'];
const PHRASES = ['Please stop texting me', 'wrong number', 'No más mensajes', 'Keine SMS mehr bitte'];

async function main(): Promise<void> {
  const bench = new BenchEnvironment();
  const children: ChildProcess[] = [];
  await bench.create();
  try {
    const port = await freePort();
    const gateway = startApp('gateway', bench.env({ PORT: String(port) }));
    children.push(gateway);
    const base = `http://127.0.0.1:${port}`;
    await waitForGateway(base);
    const account = await createBenchAccount(base);
    const setMode = async (mode: string) => {
      const response = await fetch(`${base}/v1/accounts/${account.id}/compliance`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${account.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ revocation: { mode } }),
      });
      if (response.status !== 200) throw new Error(`PUT compliance answered ${response.status}`);
    };
    const load = loadAverage();
    const figures: Record<string, number> = {};
    for (const mode of ['keywords', 'reasonable']) {
      await setMode(mode);
      figures[mode] = await drain(bench, account.id, children);
      console.log(`${mode.padEnd(10)} drain: ${formatRate(figures[mode])} messages/s (${BACKLOG_MESSAGES} messages, including process start)`);
    }
    await stopProcess(gateway);
    console.log(`\nbench:revocation — load average at start ${load}, at end ${loadAverage()} (a shared machine: compare the two modes, not the absolute rates)`);
    console.log(`  keywords   ${formatRate(figures.keywords)} messages/s`);
    console.log(`  reasonable ${formatRate(figures.reasonable)} messages/s   [≥ 50,000]   ratio ${(figures.reasonable / figures.keywords).toFixed(2)}`);
  } finally {
    await Promise.all(children.map((child) => stopProcess(child)));
    await bench.destroy();
  }
}

async function drain(bench: BenchEnvironment, accountId: string, children: ChildProcess[]): Promise<number> {
  const connection = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const inbound = new Queue<InboundJob>(QueueName.Inbound, { connection, prefix: bench.queuePrefix });
  await inbound.obliterate({ force: true });
  await preload(inbound, accountId);
  const started = Date.now();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const classifier = startApp('classifier', bench.env({ WORKER_CONCURRENCY: '4' }), profile);
  children.push(classifier);
  await waitUntil(
    'the backlog to drain',
    async () => Object.values(await inbound.getJobCounts('waiting', 'active', 'prioritized', 'delayed')).every((n) => n === 0),
    600_000,
  );
  const seconds = (Date.now() - started) / 1000;
  await stopProcess(classifier);
  await inbound.close();
  connection.disconnect();
  return BACKLOG_MESSAGES / seconds;
}

function bodyOf(n: number): string {
  if (n % 20 === 0) return 'STOP';
  if (n % 20 === 1) return `${LONG_TEXT}${n}`;
  if (n % 50 === 2) return PHRASES[n % PHRASES.length];
  return `${SHORT[n % SHORT.length]} ${n % 7}`;
}

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
          messageId: `r-${added}-${Date.now()}`,
          from: `+1202555${String(1000 + (added % 9000))}`,
          to: '+12025550100',
          body: bodyOf(added),
          receivedAt: now,
          acceptedAt: now,
          correlationId: `r-${added}`,
        });
      }
      jobs.push({ name: QueueName.Inbound, data: { v: 1 as const, messages }, opts: { jobId: `rbench-${added}-${Date.now()}`, removeOnComplete: true } });
    }
    await queue.addBulk(jobs);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
