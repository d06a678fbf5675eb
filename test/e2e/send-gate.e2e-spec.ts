import { RunningSystem } from '../support/running-system';
import { QueueName } from '@optout/contracts';
import { JobProducer } from '@optout/queue';
import { OwnRedis } from '../support/own-redis';
import { withServer } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { askGate } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';

/** The send gate reads through Redis to Postgres and fails closed when it cannot know. */
describe('send gate', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await RunningSystem.start());
    // Handed over last, so run first: a test that failed while connections were refused leaves them allowed for the drop.
    stopLater({ stop: () => setConnectionsAllowed(system.database.name, true).catch(() => undefined) });
    return { system, account: await system.createAccount() };
  });

  it('answers unknown for a number never seen, and caches that answer', async () => {
    const answer = await askGate(suite.system, suite.account, '+12025550150');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ phone: '+12025550150', allowed: true, status: 'unknown' });
    const cached = await suite.system.redisKeys(`*gate:{${suite.account.id}}:+12025550150`);
    expect(cached).toHaveLength(1);
  });

  it('normalises the number it is asked about to E.164', async () => {
    const answer = await askGate(suite.system, suite.account, '+1 (202) 555-0150');
    expect(answer.body.phone).toBe('+12025550150');
    expect((await askGate(suite.system, suite.account, 'not-a-number')).status).toBe(400);
  });

  it('answers 503, never allowed: true, when neither the cache nor Postgres can answer', async () => {
    await suite.system.request('POST', '/v1/inbound', {
      token: suite.account.apiKey,
      json: { accountId: suite.account.id, messageId: 'g1', from: '+12025550160', to: '+12025550100', body: 'STOP' },
    });
    await waitFor('the opt-out to reach the gate', async () => ((await askGate(suite.system, suite.account, '+12025550160')).body.allowed === false ? true : undefined));

    await setConnectionsAllowed(suite.system.database.name, false);
    try {
      const unknown = await askGate(suite.system, suite.account, '+12025550161');
      expect(unknown.status).toBe(503);
      expect(unknown.body.error.code).toBe('gate_unavailable');
      expect(unknown.headers.get('retry-after')).toBe('1');
      // What the cache already knows is still answered: an opt-out stays visible.
      expect((await askGate(suite.system, suite.account, '+12025550160')).body).toMatchObject({ allowed: false, status: 'opted_out' });
    } finally {
      await setConnectionsAllowed(suite.system.database.name, true);
    }
    expect((await askGate(suite.system, suite.account, '+12025550161')).status).toBe(200);
  });
});

describe('send gate, batch checks', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await RunningSystem.start());
    return { system, account: await system.createAccount() };
  });

  it('answers up to 1000 numbers in request order, in E.164, mixing cached and uncached ones', async () => {
    await suite.system.request('POST', '/v1/inbound', {
      token: suite.account.apiKey,
      json: { accountId: suite.account.id, messageId: 'bc-1', from: '+12025550171', to: '+12025550100', body: 'STOP' },
    });
    const check = (phones: string[]) => suite.system.request('POST', `/v1/gate/${suite.account.id}/check`, { token: suite.account.apiKey, json: { phones } });
    await waitFor('the opt-out', async () => ((await check(['+12025550171'])).body.results[0].allowed === false ? true : undefined));

    const response = await check(['+1 202 555 0172', '+12025550171', '+12025550173', '+12025550171']);
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { phone: '+12025550172', allowed: true, status: 'unknown' },
      expect.objectContaining({ phone: '+12025550171', allowed: false, status: 'opted_out', keyword: 'STOP' }),
      { phone: '+12025550173', allowed: true, status: 'unknown' },
      expect.objectContaining({ phone: '+12025550171', allowed: false }),
    ]);
    const many = Array.from({ length: 1000 }, (_, i) => `+1303555${String(1000 + i)}`);
    const big = await check(many);
    expect(big.body.results.map((result: { phone: string }) => result.phone)).toEqual(many);
  });

  it('refuses the whole request when a number cannot be one, naming each index', async () => {
    const response = await suite.system.request('POST', `/v1/gate/${suite.account.id}/check`, { token: suite.account.apiKey, json: { phones: ['+12025550171', 'abc', '12'] } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(['phones[1]', 'phones[2]']);
    const tooMany = await suite.system.request('POST', `/v1/gate/${suite.account.id}/check`, { token: suite.account.apiKey, json: { phones: Array(1001).fill('+12025550171') } });
    expect(tooMany.status).toBe(400);
  });
});

describe('send gate without Redis', () => {
  let redis: OwnRedis;
  let system: RunningSystem;
  let account: { id: string; apiKey: string };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    system = await RunningSystem.start({ REDIS_URL: redis.url });
    account = await system.createAccount();
  });

  afterAll(async () => {
    await redis.restart().catch(() => undefined);
    // Close only once the workers are back on the restarted Redis: a close that races their
    // reconnection waits out the shutdown grace period.
    const producer = system.app.get(JobProducer);
    await waitFor('the workers to reconnect', async () => ((await producer.queue(QueueName.Inbound).getWorkersCount()) > 0 ? true : undefined), { timeoutMs: 20_000 }).catch(() => undefined);
    await setConnectionsAllowed(system.database.name, true).catch(() => undefined);
    await system?.stop();
    await redis?.remove();
  });

  it('answers from Postgres while Redis is down, and 503 when Postgres is down too', async () => {
    await system.request('POST', '/v1/inbound', {
      token: account.apiKey,
      json: { accountId: account.id, messageId: 'nr-1', from: '+12025550181', to: '+12025550100', body: 'STOP' },
    });
    await waitFor('the opt-out', async () => ((await askGate(system, account, '+12025550181')).body.allowed === false ? true : undefined));

    await redis.kill();
    expect((await askGate(system, account, '+12025550181')).body).toMatchObject({ allowed: false, status: 'opted_out' });
    expect((await askGate(system, account, '+12025550182')).body).toMatchObject({ allowed: true, status: 'unknown' });
    const batch = await system.request('POST', `/v1/gate/${account.id}/check`, { token: account.apiKey, json: { phones: ['+12025550181', '+12025550182'] } });
    expect(batch.body.results.map((result: { allowed: boolean }) => result.allowed)).toEqual([false, true]);

    await setConnectionsAllowed(system.database.name, false);
    try {
      const blind = await askGate(system, account, '+12025550181');
      expect(blind.status).toBe(503);
      expect(blind.body.error.code).toBe('gate_unavailable');
      expect((await system.request('POST', `/v1/gate/${account.id}/check`, { token: account.apiKey, json: { phones: ['+12025550182'] } })).status).toBe(503);
    } finally {
      await setConnectionsAllowed(system.database.name, true);
    }
  });
});

/** Makes Postgres refuse this database's connections (and drops the open ones), or allow them again. */
async function setConnectionsAllowed(database: string, allowed: boolean): Promise<void> {
  await withServer(async (client) => {
    await client.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  });
}
