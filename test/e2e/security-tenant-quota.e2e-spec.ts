import IORedis from 'ioredis';
import { QueueName } from '@optout/contracts';
import { JobProducer } from '@optout/queue';
import { parseRedisMemory } from '../../apps/gateway/src/limits/redis-memory.util';
import { OwnRedis } from '../support/own-redis';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';

const LONG_TEXT = 'x'.repeat(1600);

/** Issue 13, item 4: one account cannot fill Redis for everyone. */
describe('one account cannot fill Redis', () => {
  describe('per-account ingestion quotas', () => {
    const suite = suiteFixture(async (stopLater) => ({
      system: stopLater(await RunningSystem.start({ INBOUND_ACCOUNT_MESSAGES_PER_SECOND: '200', INBOUND_ACCOUNT_BYTES_PER_SECOND: '100000' })),
    }));

    it("keeps accepting and applying another account's STOP while one account floods", async () => {
      const flooder = await suite.system.createAccount('Flooding Florist');
      const quiet = await suite.system.createAccount('Quiet Florist');
      const batch = (round: number) => ({
        messages: Array.from({ length: 100 }, (_, i) => ({ accountId: flooder.id, messageId: `flood-${round}-${i}`, from: `+1202555${String(1000 + i)}`, to: '+12025550100', body: LONG_TEXT })),
      });

      // Five concurrent senders, 20 rounds each: 10 000 messages of 1 600 characters, about 16 MB.
      const statuses: number[] = [];
      const refusals: Array<{ retryAfter: string | null; code: string; message: string }> = [];
      const flood = Promise.all(
        Array.from({ length: 5 }, async (_, sender) => {
          for (let round = 0; round < 20; round++) {
            const response = await suite.system.request('POST', '/v1/inbound/batch', { token: flooder.apiKey, json: batch(sender * 100 + round) });
            statuses.push(response.status);
            if (response.status === 429) refusals.push({ retryAfter: response.headers.get('retry-after'), code: response.body.error.code, message: response.body.error.message });
          }
        }),
      );
      // The other account's STOP, in the middle of the flood.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stop = await suite.system.request('POST', '/v1/inbound', {
        token: quiet.apiKey,
        json: { accountId: quiet.id, messageId: 'quiet-stop', from: '+12025550777', to: '+12025550100', body: 'STOP' },
      });
      expect(stop.status).toBe(202);
      await flood;

      // The flooder was held to its quota: most of its batches refused, each with the limit named.
      expect(statuses.filter((status) => status === 202).length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(50);
      expect(statuses.filter((status) => status !== 202 && status !== 429)).toEqual([]);
      for (const refusal of refusals) {
        expect(refusal.code).toBe('quota_exceeded');
        expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(refusal.message).toMatch(/INBOUND_ACCOUNT_(MESSAGES|BYTES)_PER_SECOND/);
      }

      // And the quiet account's STOP is applied.
      await waitFor(
        "the quiet account's STOP to be applied",
        async () => ((await gateAnswer(suite.system, quiet, '+12025550777')).allowed === false ? true : undefined),
        { timeoutMs: 60_000, intervalMs: 100 },
      );
    }, 180_000);

    it('keeps completed inbound jobs for minutes, not an hour', async () => {
      const inbound = suite.system.app.get(JobProducer).queue(QueueName.Inbound);
      expect(inbound.defaultJobOptions.removeOnComplete).toEqual({ age: 300, count: 50_000 });
      const consent = suite.system.app.get(JobProducer).queue(QueueName.Consent);
      expect(consent.defaultJobOptions.removeOnComplete).toEqual({ age: 300, count: 50_000 });
    });
  });

  describe('backpressure on Redis memory', () => {
    let redis: OwnRedis;
    let system: RunningSystem;
    let client: IORedis;

    beforeAll(async () => {
      redis = await OwnRedis.start(['--maxmemory', '64mb', '--maxmemory-policy', 'noeviction']);
      client = new IORedis(redis.url);
      system = await RunningSystem.start({ REDIS_URL: redis.url, REDIS_MEMORY_HIGH_WATER_PERCENT: '80' });
    }, 60_000);

    afterAll(async () => {
      client?.disconnect();
      await system?.stop();
      await redis?.remove();
    });

    const fill = async () => {
      const memory = parseRedisMemory(await client.info('memory'))!;
      return memory.usedBytes / memory.maxBytes;
    };

    it('answers 503 before Redis is full, and takes messages again once memory is back', async () => {
      const account = await system.createAccount('Memory Florist');
      const send = (messageId: string) =>
        system.request('POST', '/v1/inbound', { token: account.apiKey, json: { accountId: account.id, messageId, from: '+12025550888', to: '+12025550100', body: 'STOP' } });
      expect((await send('before')).status).toBe(202);

      // Something else fills Redis past 85 % of maxmemory (measured, a chunk at a time).
      const chunk = 'y'.repeat(512 * 1024);
      let chunks = 0;
      while ((await fill()) < 0.86) await client.set(`ballast:${chunks++}`, chunk);
      const refused = await waitFor('a 503 for Redis memory', async () => {
        const response = await send(`during-${Date.now()}`);
        return response.status === 503 ? response : undefined;
      }, { timeoutMs: 20_000, intervalMs: 100 });
      expect(refused.body.error.code).toBe('redis_memory_high');
      expect(refused.body.error.message).toMatch(/REDIS_MEMORY_HIGH_WATER_PERCENT/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Redis itself still takes writes: the gateway stopped before it was full.
      expect(await client.set('still-writable', '1')).toBe('OK');

      for (let i = 0; i < chunks; i++) await client.del(`ballast:${i}`);
      await waitFor('inbound accepted again', async () => ((await send(`after-${Date.now()}`)).status === 202 ? true : undefined), { timeoutMs: 20_000, intervalMs: 100 });
    }, 90_000);
  });
});
