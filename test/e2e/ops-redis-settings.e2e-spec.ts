import IORedis from 'ioredis';
import { assertRedisSettings } from '@optout/runtime';
import { OwnRedis } from '../support/own-redis';

/**
 * The start-up check against a real Redis that evicts: a process refuses to start, saying
 * how to fix it, unless REDIS_POLICY_CHECK=warn. (That the apps' entry points run it is shown
 * with real processes in ops-processes.e2e-spec.ts.)
 */
describe('Redis settings at start-up', () => {
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = await OwnRedis.start(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no']);
  });

  afterAll(async () => {
    await redis?.remove();
  });

  const warnings = () => {
    const lines: string[] = [];
    return { lines, logger: { warn: (line: string) => void lines.push(line) } };
  };

  it('refuses a Redis that may evict, saying how to fix it', async () => {
    await expect(assertRedisSettings({ redisUrl: redis.url, redisPolicyCheck: 'strict' }, warnings().logger)).rejects.toThrow(
      /maxmemory-policy allkeys-lru.*CONFIG SET maxmemory-policy noeviction.*redis\.conf/s,
    );
  });

  it('only warns when told to, and warns that the append-only file is off', async () => {
    const { lines, logger } = warnings();
    await assertRedisSettings({ redisUrl: redis.url, redisPolicyCheck: 'warn' }, logger);
    expect(lines).toEqual([expect.stringContaining('Starting anyway because REDIS_POLICY_CHECK=warn'), expect.stringContaining('without the append-only file')]);
  });

  it('passes once the policy is fixed as the message says (still warning about AOF)', async () => {
    const client = new IORedis(redis.url);
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    client.disconnect();
    const { lines, logger } = warnings();
    await assertRedisSettings({ redisUrl: redis.url, redisPolicyCheck: 'strict' }, logger);
    expect(lines).toEqual([expect.stringContaining('without the append-only file')]);
  });

  it('gives up on a Redis that does not answer, naming it', async () => {
    await expect(assertRedisSettings({ redisUrl: 'redis://127.0.0.1:1', redisPolicyCheck: 'strict' }, warnings().logger, 500)).rejects.toThrow(
      'Redis at redis://127.0.0.1:1 did not answer within 0.5s',
    );
  });
});
