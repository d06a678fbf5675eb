import IORedis from 'ioredis';
import { keyPrefixOf } from '@optout/config';
import { gateKey } from '@optout/gate';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { askGate } from '../support/gate';

jest.setTimeout(60_000);

/**
 * Issue 13, item 2: account ids are UUIDs and the key guard compares them case-insensitively,
 * so an upper-case id in the URL reaches the same account. It must also reach the same gate
 * entries and the same erasure hashes: otherwise a lookup with the upper-case id caches
 * "unknown" under a second key that no STOP ever updates, and the gate keeps answering
 * `allowed: true` for an opted-out number.
 */
describe('account id case on the gate and erasure', () => {
  let system: RunningSystem;
  let account: { id: string; apiKey: string };
  let upper: string;
  const sender = '+12025550100';

  beforeAll(async () => {
    system = await RunningSystem.start();
    account = await system.createAccount('Shouty');
    upper = account.id.toUpperCase();
    expect(upper).not.toBe(account.id);
  });

  afterAll(() => system?.stop());

  const gateBatch = (accountId: string, phones: string[]) =>
    system.request('POST', `/v1/gate/${accountId}/check`, { token: account.apiKey, json: { phones } });
  const stop = (messageId: string, from: string) =>
    system.request('POST', '/v1/inbound', { token: account.apiKey, json: { accountId: account.id, messageId, from, to: sender, body: 'STOP' } });

  it('answers allowed: false with the upper-case id after a STOP, single and batch, even when it was looked up before', async () => {
    const phone = '+12025550121';
    // The lookups that used to cache "unknown" under the upper-case key.
    expect((await askGate(system, { ...account, id: upper }, phone)).body).toMatchObject({ allowed: true, status: 'unknown' });
    expect((await gateBatch(upper, [phone])).body.results[0]).toMatchObject({ allowed: true, status: 'unknown' });

    expect((await stop('case-1', phone)).status).toBe(202);
    await waitFor('the opt-out to reach the gate', async () => ((await askGate(system, account, phone)).body.allowed === false ? true : undefined), { timeoutMs: 20_000 });

    expect((await askGate(system, { ...account, id: upper }, phone)).body).toMatchObject({ phone, allowed: false, status: 'opted_out' });
    expect((await gateBatch(upper, [phone])).body.results).toEqual([expect.objectContaining({ phone, allowed: false, status: 'opted_out' })]);
    // One spelling of the account in Redis: no second key for the upper-case id.
    expect(await system.redisKeys(`*gate:{${upper}}:*`)).toEqual([]);
  });

  it('erases with the upper-case id under the same keyed hash, so the number stays blocked', async () => {
    const phone = '+12025550122';
    expect((await stop('case-2', phone)).status).toBe(202);
    await waitFor('the opt-out to reach the gate', async () => ((await askGate(system, account, phone)).body.allowed === false ? true : undefined), { timeoutMs: 20_000 });

    const erased = await system.request('DELETE', `/v1/accounts/${upper}/consent/${encodeURIComponent(phone)}/personal-data`, { token: account.apiKey });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ status: 'opted_out', source: 'erasure' });

    // Drop the cached entry so the answer comes from the suppression kept in Postgres.
    const redis = new IORedis(system.config.redisUrl);
    await redis.del(gateKey(keyPrefixOf(system.config), account.id, phone));
    redis.disconnect();

    expect((await askGate(system, account, phone)).body).toMatchObject({ allowed: false, status: 'opted_out' });
    expect((await askGate(system, { ...account, id: upper }, phone)).body).toMatchObject({ allowed: false, status: 'opted_out' });
    const record = await system.request('GET', `/v1/accounts/${account.id}/consent/${encodeURIComponent(phone)}`, { token: account.apiKey });
    expect(record.body).toMatchObject({ status: 'opted_out', source: 'erasure' });
  });
});
