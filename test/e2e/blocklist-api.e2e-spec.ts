import { GateCache } from '@optout/gate';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

/**
 * Block-list management by hand (issue 9): pages and search, manual opt-out and opt-in
 * recorded in the ledger with the key that made them, the consent history, on the real
 * Redis and Postgres with all four apps running.
 */
describe('block list API', () => {
  const suite = suiteFixture(async (stopLater) => {
    const wired = await startWiredAccount(stopLater, 'Bloom Florist');
    return { ...wired, keyId: await wired.system.apiKeyIdOf(wired.account.id) };
  });
  const sender = '+12025550100';

  function api(method: string, path: string, options: { json?: unknown; body?: string; contentType?: string } = {}) {
    return suite.system.request(method, `/v1/accounts/${suite.account.id}${path}`, { token: suite.account.apiKey, ...options });
  }
  const webhooksFor = (phone: string) => suite.receiver.on('/crm').map((request) => request.json as { type: string; data: Record<string, unknown> }).filter((hook) => hook.data.phone === phone);
  const ledger = (phone: string) =>
    suite.system.sql<{ source: string; kind: string; api_key_id: string | null; reason: string | null; source_message_id: string; follow_ups_done_at: Date | null }>(
      'SELECT source, kind, api_key_id, reason, source_message_id, follow_ups_done_at FROM consent_events WHERE account_id = $1 AND phone = $2 ORDER BY received_at',
      [suite.account.id, phone],
    );

  it('blocks a number by hand: ledger source api with the key id, gate at once, webhook, no text', async () => {
    const phone = '+12025550123';
    const put = await api('PUT', `/blocklist/${encodeURIComponent(phone)}`, { json: { reason: 'asked by phone' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ phone, status: 'opted_out', source: 'api', changed: true, keyword: null, since: expect.any(String) });
    // Visible through the gate as soon as the PUT has answered.
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: false, status: 'opted_out', since: put.body.since });

    expect(await ledger(phone)).toEqual([
      { source: 'api', kind: 'optOut', api_key_id: suite.keyId, reason: 'asked by phone', source_message_id: expect.stringMatching(/^api:/), follow_ups_done_at: expect.any(Date) },
    ]);
    const [hook] = await waitFor('the consent.opted_out webhook', () => (webhooksFor(phone).length === 1 ? webhooksFor(phone) : undefined));
    expect(hook).toMatchObject({ type: 'consent.opted_out', data: { phone, optOutType: 'STOP', replyStatus: 'none', messageId: expect.stringMatching(/^api:/) } });
    await suite.system.waitUntilQueuesDrain();
    expect(suite.receiver.on('/sms')).toHaveLength(0);
  });

  it('changes nothing when the number is already blocked (idempotent PUT)', async () => {
    const phone = '+12025550123';
    const again = await api('PUT', `/blocklist/${encodeURIComponent(phone)}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'opted_out', changed: false, source: 'api' });
    await suite.system.waitUntilQueuesDrain();
    expect(await ledger(phone)).toHaveLength(1);
    expect(webhooksFor(phone)).toHaveLength(1);
  });

  it('answers 503 gate_unavailable when the gate cannot be written after the commit; the same request again completes it', async () => {
    const phone = '+12025550199';
    const cache = suite.system.app.get(GateCache, { strict: false });
    const failing = jest.spyOn(cache, 'writeIfNewer').mockRejectedValueOnce(new Error('Redis went away'));
    const first = await api('PUT', `/blocklist/${encodeURIComponent(phone)}`);
    failing.mockRestore();
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.body.error).toMatchObject({ code: 'gate_unavailable', message: expect.stringContaining('Redis went away') });
    // Recorded, not yet announced: the retry finds the number blocked, writes the gate and sends the webhook.
    expect(await ledger(phone)).toEqual([expect.objectContaining({ source: 'api', follow_ups_done_at: null })]);

    const again = await api('PUT', `/blocklist/${encodeURIComponent(phone)}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'opted_out', changed: false });
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: false });
    expect(await ledger(phone)).toEqual([expect.objectContaining({ follow_ups_done_at: expect.any(Date) })]);
    await waitFor('the consent.opted_out webhook', () => (webhooksFor(phone).length === 1 ? true : undefined));
    expect((await api('DELETE', `/blocklist/${encodeURIComponent(phone)}`)).status).toBe(204); // off the list the later cases page through
  });

  it('unblocks by hand with DELETE: ledger optIn, gate allowed, consent.opted_in', async () => {
    const phone = '+12025550123';
    expect((await api('DELETE', `/blocklist/${encodeURIComponent(phone)}`)).status).toBe(204);
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: true, status: 'opted_in' });
    expect((await ledger(phone)).map((row) => [row.source, row.kind, row.api_key_id])).toEqual([
      ['api', 'optOut', suite.keyId],
      ['api', 'optIn', suite.keyId],
    ]);
    await waitFor('the consent.opted_in webhook', () => (webhooksFor(phone).length === 2 ? true : undefined));
    expect(webhooksFor(phone)[1].type).toBe('consent.opted_in');
    // Unblocking a number that is not blocked records nothing.
    expect((await api('DELETE', `/blocklist/${encodeURIComponent(phone)}`)).status).toBe(204);
    expect((await api('DELETE', '/blocklist/+12025550999')).status).toBe(204);
    expect(await ledger(phone)).toHaveLength(2);
    expect(await ledger('+12025550999')).toHaveLength(0);
  });

  it('orders manual changes with texts by receivedAt: a later STOP outranks a manual opt-in', async () => {
    const phone = '+12025550124';
    // Ahead of the gateway's clock, within the 5 minutes of skew it accepts (docs/security.md, item 3).
    const later = new Date(Date.now() + 4 * 60_000).toISOString();
    const inbound = await suite.system.request('POST', '/v1/inbound', {
      token: suite.account.apiKey,
      json: { accountId: suite.account.id, messageId: 'sms-future-stop', from: phone, to: sender, body: 'STOP', receivedAt: later },
    });
    expect(inbound.status).toBe(202);
    await waitFor('the text opt-out', async () => ((await gateAnswer(suite.system, suite.account, phone)).allowed === false ? true : undefined));
    await suite.system.waitUntilQueuesDrain();
    const hooksBefore = webhooksFor(phone).length;

    expect((await api('DELETE', `/blocklist/${encodeURIComponent(phone)}`)).status).toBe(204);
    // Recorded (it is part of the legal record) but superseded: the STOP received later stands, and nobody is told otherwise.
    expect(await gateAnswer(suite.system, suite.account, phone)).toMatchObject({ allowed: false, status: 'opted_out', keyword: 'STOP' });
    expect((await ledger(phone)).map((row) => [row.source, row.kind])).toEqual([
      ['api', 'optIn'],
      ['sms', 'optOut'],
    ]);
    await suite.system.waitUntilQueuesDrain();
    expect(webhooksFor(phone)).toHaveLength(hooksBefore);
  });

  it('returns the current state and the whole history of a number', async () => {
    const phone = '+12025550124';
    const record = await api('GET', `/consent/${encodeURIComponent(phone)}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ phone, status: 'opted_out', keyword: 'STOP', source: 'sms', erasedAt: null });
    expect(record.body.history).toEqual([
      expect.objectContaining({ kind: 'optIn', source: 'api', apiKeyId: suite.keyId, messageId: expect.stringMatching(/^api:/), profileVersion: null, sender: null, keyword: null }),
      expect.objectContaining({
        kind: 'optOut',
        source: 'sms',
        apiKeyId: null,
        messageId: 'sms-future-stop',
        keyword: 'STOP',
        sender,
        scope: {},
        country: 'US',
        profileVersion: expect.any(Number),
        receivedAt: expect.any(String),
        appliedAt: expect.any(String),
        eventId: expect.any(String),
      }),
    ]);
    const unknown = await api('GET', '/consent/+12025550777');
    expect(unknown.body).toEqual({ phone: '+12025550777', status: 'unknown', since: null, keyword: null, source: null, erasedAt: null, history: [] });
  });

  it('pages the block list in a stable order with an opaque cursor, and searches by number prefix', async () => {
    const numbers = [...Array.from({ length: 30 }, (_, i) => `+1303555${String(1000 + i)}`), ...Array.from({ length: 5 }, (_, i) => `+4420794${String(60000 + i)}`)];
    const imported = await api('POST', '/blocklist/import', { body: numbers.join('\n'), contentType: 'text/csv' });
    expect(imported.status).toBe(200);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ phone: string; source: string }>; nextCursor: string | null } } = await api(
        'GET',
        `/blocklist?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.body.items.map((item) => item.phone));
      cursor = page.body.nextCursor;
    } while (cursor);
    const expected = [...numbers, '+12025550124'].sort();
    expect(seen).toEqual(expected);

    const london = await api('GET', `/blocklist?search=${encodeURIComponent('+44 20')}`);
    expect(london.body.items.map((item: { phone: string }) => item.phone)).toEqual(numbers.slice(30));
    expect(london.body.items[0]).toEqual({ phone: numbers[30], since: expect.any(String), keyword: null, source: 'import' });
    const searchedPage = await api('GET', '/blocklist?search=1303555&limit=25');
    expect(searchedPage.body.items).toHaveLength(25);
    const rest = await api('GET', `/blocklist?search=1303555&limit=25&cursor=${searchedPage.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: expect.any(Array), nextCursor: null });
    expect(rest.body.items).toHaveLength(5);
  });

  it('refuses bad input with the API error shape, and another account\'s key with 404', async () => {
    expect((await api('PUT', '/blocklist/not-a-number')).body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'phone' })] });
    expect((await api('PUT', '/blocklist/+12025550130', { json: { reason: 'x'.repeat(501) } })).status).toBe(400);
    expect((await api('GET', '/blocklist?cursor=bogus')).body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'cursor' })] });
    expect((await api('GET', '/blocklist?search=abc')).status).toBe(400);
    expect((await api('PUT', '/blocklist/+12025550130', { body: '+12025550130', contentType: 'text/csv' })).status).toBe(415);
    const other = await suite.system.createAccount('Other');
    const foreign = await suite.system.request('GET', `/v1/accounts/${suite.account.id}/blocklist`, { token: other.apiKey });
    expect(foreign.status).toBe(404);
    expect((await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/blocklist/+12025550130`, { token: other.apiKey })).status).toBe(404);
    expect(await ledger('+12025550130')).toHaveLength(0);
  });
});
