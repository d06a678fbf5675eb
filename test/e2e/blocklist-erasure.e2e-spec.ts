import IORedis from 'ioredis';
import { keyPrefixOf } from '@optout/config';
import { gateKey } from '@optout/gate';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

/**
 * A subscriber's erasure request (issue 9): the number leaves the ledger and everything that
 * copied it, a keyed hash stays so that the gate still answers opted_out, including when the
 * cache has forgotten the number; a later START from the subscriber lets them back in.
 */
describe('erasure of a subscriber\'s personal data', () => {
  const suite = suiteFixture((stopLater) => startWiredAccount(stopLater, 'Forgetful'));
  const subscriber = '+12025550188';
  const sender = '+12025550100';

  function api(method: string, path: string, options: { json?: unknown } = {}) {
    return suite.system.request(method, `/v1/accounts/${suite.account.id}${path}`, { token: suite.account.apiKey, ...options });
  }
  const text = (messageId: string, body: string, receivedAt: string, from = subscriber) =>
    suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: { accountId: suite.account.id, messageId, from, to: sender, body, receivedAt } });
  async function forgetCachedEntry(phone: string): Promise<void> {
    const redis = new IORedis(suite.system.config.redisUrl);
    await redis.del(gateKey(keyPrefixOf(suite.system.config), suite.account.id, phone));
    redis.disconnect();
  }
  /** Every place the number could still be written, as text. */
  async function placesHolding(value: string): Promise<string[]> {
    const found: string[] = [];
    const probes: Array<[string, string]> = [
      ['consent_events', "SELECT count(*) AS n FROM consent_events WHERE account_id = $1 AND (phone = $2 OR source_message_id LIKE '%' || $2 || '%')"],
      ['consent_states', 'SELECT count(*) AS n FROM consent_states WHERE account_id = $1 AND phone = $2'],
      ['reply_deliveries', 'SELECT count(*) AS n FROM reply_deliveries WHERE account_id = $1 AND to_phone = $2'],
      ['webhook_deliveries', "SELECT count(*) AS n FROM webhook_deliveries WHERE account_id = $1 AND payload LIKE '%' || $2 || '%'"],
    ];
    for (const [table, sql] of probes) if (Number((await suite.system.sql<{ n: string }>(sql, [suite.account.id, value]))[0].n) > 0) found.push(table);
    return found;
  }

  it('erases the number from the ledger, the state and the deliveries, and keeps it blocked', async () => {
    expect((await text('SM-erase-1', 'STOP', '2026-11-20T10:00:00.000Z')).status).toBe(202);
    await waitFor('the opt-out, its text and its webhook', () => (suite.receiver.on('/sms').length === 1 && suite.receiver.on('/crm').length === 1 ? true : undefined));
    await suite.system.waitUntilQueuesDrain();
    expect(await placesHolding(subscriber)).toEqual(['consent_events', 'consent_states', 'reply_deliveries', 'webhook_deliveries']);

    const erased = await api('DELETE', `/consent/${encodeURIComponent(subscriber)}/personal-data`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({
      phone: subscriber,
      status: 'opted_out',
      since: '2026-11-20T10:00:00.000Z',
      keyword: 'STOP',
      source: 'erasure',
      erasedAt: expect.any(String),
      erased: { ledgerEvents: 1, replyDeliveries: 1, webhookDeliveries: 1, queueJobsRemoved: 2, queueJobsPending: 0 },
    });
    expect(await placesHolding(subscriber)).toEqual([]);
    expect(await placesHolding('SM-erase-1')).toEqual([]);
    const [row] = await suite.system.sql<Record<string, unknown>>('SELECT phone, sender, keyword, language, country, scope, correlation_id, kind, source, erased_at FROM consent_events WHERE account_id = $1', [suite.account.id]);
    expect(row).toEqual({ phone: expect.stringMatching(/^h1:/), sender: '', keyword: '', language: null, country: null, scope: null, correlation_id: null, kind: 'optOut', source: 'sms', erased_at: expect.any(Date) });

    // The gate still says blocked: from the cache, and from Postgres (by the keyed hash) once the cache has forgotten.
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out' });
    await forgetCachedEntry(subscriber);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out', since: '2026-11-20T10:00:00.000Z' });
    const batch = await suite.system.request('POST', `/v1/gate/${suite.account.id}/check`, { token: suite.account.apiKey, json: { phones: [subscriber, '+12025550189'] } });
    expect(batch.body.results.map((answer: { allowed: boolean }) => answer.allowed)).toEqual([false, true]);
    // Not on the list any more (it has no number to show), not in the export either.
    expect((await api('GET', '/blocklist')).body.items).toEqual([]);
  });

  it('still answers "how did this number opt out?" without the personal data', async () => {
    const record = await api('GET', `/consent/${encodeURIComponent(subscriber)}`);
    expect(record.body).toMatchObject({ phone: subscriber, status: 'opted_out', source: 'erasure', erasedAt: expect.any(String) });
    expect(record.body.history).toEqual([
      expect.objectContaining({ kind: 'optOut', source: 'sms', receivedAt: '2026-11-20T10:00:00.000Z', keyword: null, sender: null, messageId: null, country: null, erasedAt: expect.any(String) }),
    ]);
  });

  it('lets the subscriber back in when they text START after the erasure, and a manual opt-out blocks again', async () => {
    expect((await text('SM-erase-2', 'START', new Date().toISOString())).status).toBe(202);
    await waitFor('the gate to let the subscriber back in', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === true ? true : undefined));
    await forgetCachedEntry(subscriber);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in' });
    const put = await api('PUT', `/blocklist/${encodeURIComponent(subscriber)}`);
    expect(put.body).toMatchObject({ status: 'opted_out', source: 'api', changed: true });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false });
  });

  it('ignores a STOP received before the erasure that arrives after it, and keeps the number blocked', async () => {
    const phone = '+12025550190';
    expect((await text('SM-late-a', 'STOP', '2026-11-20T11:00:00.000Z', phone)).status).toBe(202);
    await waitFor('the opt-out', async () => ((await gateAnswer(suite.system, suite.account, phone)).allowed === false ? true : undefined));
    expect((await api('DELETE', `/consent/${encodeURIComponent(phone)}/personal-data`)).status).toBe(200);
    // A START sent before the erasure request, delivered late by the carrier: the erasure is the later decision.
    expect((await text('SM-late-b', 'START', '2026-11-20T11:05:00.000Z', phone)).status).toBe(202);
    await suite.system.waitUntilQueuesDrain();
    await forgetCachedEntry(phone);
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: false, status: 'opted_out' });
    // Nor is the number welcomed back: the START's confirmation is held back, with the reason.
    expect(suite.receiver.on('/sms').filter((request) => (request.json as { to: string; kind: string }).to === phone && (request.json as { kind: string }).kind === 'optIn')).toEqual([]);
    const [welcome] = await suite.system.sql<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM reply_deliveries WHERE account_id = $1 AND to_phone = $2 AND kind = 'optIn'",
      [suite.account.id, phone],
    );
    expect(welcome).toEqual({ status: 'suppressed', last_error: expect.stringContaining('is opted out') });
  });

  it('suppresses a number it never saw, and a manual opt-in lifts the suppression', async () => {
    const phone = '+12025550191';
    const erased = await api('DELETE', `/consent/${encodeURIComponent(phone)}/personal-data`);
    expect(erased.body).toMatchObject({ status: 'opted_out', source: 'erasure', keyword: null, erased: { ledgerEvents: 0 } });
    await forgetCachedEntry(phone);
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: false, status: 'opted_out' });
    expect((await api('DELETE', `/blocklist/${encodeURIComponent(phone)}`)).status).toBe(204);
    await forgetCachedEntry(phone);
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: true, status: 'opted_in' });
  });
});
