import { RunningSystem } from '../support/running-system';
import { withServer } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** The send gate reads through Redis to Postgres and fails closed when it cannot know. */
describe('send gate', () => {
  let system: RunningSystem;
  let account: { id: string; apiKey: string };

  beforeAll(async () => {
    system = await RunningSystem.start();
    account = await system.createAccount();
  });

  afterAll(async () => {
    await setConnectionsAllowed(system.database.name, true).catch(() => undefined);
    await system?.stop();
  });

  const gate = (phone: string) => system.request('GET', `/v1/gate/${account.id}/${encodeURIComponent(phone)}`, { token: account.apiKey });

  it('answers unknown for a number never seen, and caches that answer', async () => {
    const answer = await gate('+12025550150');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ phone: '+12025550150', allowed: true, status: 'unknown' });
    const cached = await system.redisKeys(`*gate:{${account.id}}:+12025550150`);
    expect(cached).toHaveLength(1);
  });

  it('normalises the number it is asked about to E.164', async () => {
    const answer = await gate('+1 (202) 555-0150');
    expect(answer.body.phone).toBe('+12025550150');
    expect((await gate('not-a-number')).status).toBe(400);
  });

  it('answers 503, never allowed: true, when neither the cache nor Postgres can answer', async () => {
    await system.request('POST', '/v1/inbound', {
      token: account.apiKey,
      json: { accountId: account.id, messageId: 'g1', from: '+12025550160', to: '+12025550100', body: 'STOP' },
    });
    await waitFor('the opt-out to reach the gate', async () => ((await gate('+12025550160')).body.allowed === false ? true : undefined));

    await setConnectionsAllowed(system.database.name, false);
    try {
      const unknown = await gate('+12025550161');
      expect(unknown.status).toBe(503);
      expect(unknown.body.error.code).toBe('gate_unavailable');
      expect(unknown.headers.get('retry-after')).toBe('1');
      // What the cache already knows is still answered: an opt-out stays visible.
      expect((await gate('+12025550160')).body).toMatchObject({ allowed: false, status: 'opted_out' });
    } finally {
      await setConnectionsAllowed(system.database.name, true);
    }
    expect((await gate('+12025550161')).status).toBe(200);
  });
});

/** Makes Postgres refuse this database's connections (and drops the open ones), or allow them again. */
async function setConnectionsAllowed(database: string, allowed: boolean): Promise<void> {
  await withServer(async (client) => {
    await client.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
  });
}
