import { InboundMessage, QueueName } from '@optout/contracts';
import { jobIds, JobProducer } from '@optout/queue';
import IORedis from 'ioredis';
import { HttpReceiver } from '../support/http-receiver';
import { OwnRedis } from '../support/own-redis';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';

const MB = 1024 * 1024;
const TOTAL = 100_000;
const PER_JOB = 500;
/** One message in STOP_EVERY is an opt-out: they take the whole pipeline (ledger, gate, reply, webhook). */
const STOP_EVERY = 200;
/** Completed jobs are kept this long here (3600 s by default): short, so the test sees them go. */
const KEEP_COMPLETED_SECONDS = 2;
/**
 * What may stay in Redis after the run, and why: a gate-cache entry per opted-out subscriber
 * (about 500; they live 24 h, they are the product), the reply loop guard's keys (10 min),
 * and BullMQ's event streams (capped at about 10 000 entries per queue). Measured at about
 * 0.6–0.9 MB on Redis 7.0; 4 MB leaves room without hiding a leak of the 30+ MB the queued
 * messages take at their peak.
 */
const RESIDUE_BOUND = 4 * MB;

/**
 * Retention keeps Redis memory bounded: 100 000 messages through the whole system (in
 * batches of 500 per inbound job, one in 200 a STOP), on a Redis of the test's own so that
 * used_memory (INFO memory) is this system's alone. Memory climbs while the messages are
 * queued and comes back down once they are processed and their completed jobs age out.
 */
/** Bytes held per kind of key (ids and numbers replaced by *), largest first: what the residue is made of. */
async function memoryByKeyKind(client: IORedis): Promise<Record<string, number>> {
  const totals = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const kind = key.replace(/\{[^}]*\}/g, '{…}').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '*').replace(/\+?\d{4,}/g, '*').replace(/:(in|co|re|we|wd)-[\w-]+/g, ':$1-*');
      totals.set(kind, (totals.get(kind) ?? 0) + ((await client.memory('USAGE', key)) ?? 0));
    }
  } while (cursor !== '0');
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).slice(0, 12));
}

describe('Redis memory under retention', () => {
  let redis: OwnRedis;
  let system: RunningSystem;
  let receiver: HttpReceiver;
  let account: { id: string; apiKey: string };
  let client: IORedis;

  beforeAll(async () => {
    redis = await OwnRedis.start(['--maxmemory-policy', 'noeviction', '--appendonly', 'no']);
    client = new IORedis(redis.url);
    system = await RunningSystem.start({ REDIS_URL: redis.url, QUEUE_KEEP_COMPLETED_SECONDS: String(KEEP_COMPLETED_SECONDS) });
    receiver = await new HttpReceiver().start();
    account = await system.createAccount('Retention');
    expect((await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url: receiver.url('/sms') } })).status).toBe(200);
    expect((await system.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url: receiver.url('/crm') } })).status).toBe(201);
  });

  afterAll(async () => {
    client?.disconnect();
    await receiver?.stop();
    await system?.stop();
    await redis?.remove();
  });

  const usedMemory = async () => Number(/^used_memory:(\d+)/m.exec(await client.info('memory'))?.[1]);
  const stops = () => receiver.on('/crm').length;

  /** One STOP through every queue, and the wait until its webhook: the traffic that also prunes aged completed jobs. */
  async function stopThrough(messageId: string, from: string): Promise<void> {
    const before = stops();
    const accepted = await system.request('POST', '/v1/inbound', { token: account.apiKey, json: { accountId: account.id, messageId, from, to: '+12025550100', body: 'STOP' } });
    expect(accepted.status).toBe(202);
    await waitFor(`the webhook of ${messageId}`, () => (stops() > before ? true : undefined), { timeoutMs: 10_000 });
    await system.waitUntilQueuesDrain();
  }

  it('comes back close to where it started after 100 000 messages', async () => {
    // Warm-up: BullMQ's Lua scripts, metrics keys and connections exist before the baseline.
    await stopThrough('warm-up', '+12025557000');
    await new Promise((resolve) => setTimeout(resolve, KEEP_COMPLETED_SECONDS * 1000 + 500));
    await stopThrough('warm-up-2', '+12025557001');
    const baseline = await usedMemory();

    let peak = baseline;
    const sampler = setInterval(() => void usedMemory().then((used) => (peak = Math.max(peak, used)), () => undefined), 100);
    const producer = system.app.get(JobProducer);
    const now = new Date().toISOString();
    const started = Date.now();
    try {
      for (let first = 0; first < TOTAL; first += PER_JOB * 20) {
        const jobs = [];
        for (let job = first; job < Math.min(first + PER_JOB * 20, TOTAL); job += PER_JOB) {
          const messages: InboundMessage[] = [];
          for (let i = job; i < job + PER_JOB; i++) {
            const stop = i % STOP_EVERY === 0;
            messages.push({
              accountId: account.id,
              messageId: `bulk-${i}`,
              from: stop ? `+1202558${String(i / STOP_EVERY).padStart(4, '0')}` : '+12025559999',
              to: '+12025550100',
              body: stop ? 'STOP' : `Thanks, see you on Friday at ${i % 12} o'clock! Reply if anything changes.`,
              receivedAt: now,
              acceptedAt: now,
              correlationId: jobIds.inboundMessage(account.id, `bulk-${i}`),
            });
          }
          jobs.push({ payload: { v: 1 as const, messages }, jobId: `bulk-${job}` });
        }
        await producer.enqueueMany(QueueName.Inbound, jobs);
      }
      const expectedStops = TOTAL / STOP_EVERY + 2;
      await waitFor(`${expectedStops} webhooks`, () => (stops() >= expectedStops && receiver.on('/sms').length >= expectedStops ? true : undefined), {
        timeoutMs: 240_000,
        intervalMs: 250,
      });
      await system.waitUntilQueuesDrain(60_000);
    } finally {
      clearInterval(sampler);
    }
    const processedIn = Date.now() - started;
    const drained = await usedMemory();

    // Completed jobs age out when a later job of the same queue completes: let them age, then
    // one more STOP (the next traffic) prunes every queue.
    await new Promise((resolve) => setTimeout(resolve, KEEP_COMPLETED_SECONDS * 1000 + 500));
    await stopThrough('after', '+12025557002');
    const after = await usedMemory();

    process.stdout.write(`what stays, by key kind: ${JSON.stringify(await memoryByKeyKind(client))}\n`);
    process.stdout.write(
      `Redis used_memory: baseline ${(baseline / MB).toFixed(2)} MB, peak ${(peak / MB).toFixed(2)} MB, drained ${(drained / MB).toFixed(2)} MB, ` +
        `after retention ${(after / MB).toFixed(2)} MB (residue ${((after - baseline) / MB).toFixed(2)} MB, bound ${RESIDUE_BOUND / MB} MB); ` +
        `${TOTAL} messages processed in ${(processedIn / 1000).toFixed(1)} s\n`,
    );
    expect(peak - baseline).toBeGreaterThan(10 * MB);
    expect(after - baseline).toBeLessThan(RESIDUE_BOUND);
  }, 300_000);
});
