import { RunningSystem } from '../support/running-system';
import { TEST_ADMIN_TOKEN } from '../support/test-config';

describe('accounts and API keys', () => {
  let system: RunningSystem;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };

  beforeAll(async () => {
    system = await RunningSystem.start();
    acme = await system.createAccount('Acme');
    globex = await system.createAccount('Globex');
  });

  afterAll(() => system?.stop());

  it('creates an account only with the admin token', async () => {
    expect((await system.request('POST', '/v1/accounts', { json: { name: 'X' } })).status).toBe(401);
    const wrong = await system.request('POST', '/v1/accounts', { token: 'not-the-admin-token-at-all', json: { name: 'X' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
  });

  it('returns the key once and stores only its hash', async () => {
    expect(acme.apiKey).toMatch(/^ook_/);
    const account = await system.request('GET', `/v1/accounts/${acme.id}`, { token: acme.apiKey });
    expect(account.status).toBe(200);
    expect(account.body).toEqual({ id: acme.id, name: 'Acme', defaultCountry: null, createdAt: expect.any(String) });
    const stored = await system.sql<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE account_id = $1', [acme.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].key_hash).not.toContain(acme.apiKey);
    expect(JSON.stringify(stored)).not.toContain(acme.apiKey.slice(4));
  });

  it('names the field and the rule of a bad account', async () => {
    const response = await system.request('POST', '/v1/accounts', { token: TEST_ADMIN_TOKEN, json: { name: '', defaultCountry: 'usa' } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rule: 'is_length' }),
        expect.objectContaining({ field: 'defaultCountry', message: expect.stringContaining('ISO 3166-1') }),
      ]),
    );
  });

  it("answers 404 to every account route tried with another account's key", async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/v1/accounts/${acme.id}`],
      ['GET', `/v1/accounts/${acme.id}/webhooks`],
      ['POST', `/v1/accounts/${acme.id}/webhooks`, { url: 'http://127.0.0.1:9/x' }],
      ['PUT', `/v1/accounts/${acme.id}/reply-transport`, { type: 'http', url: 'http://127.0.0.1:9/x' }],
      ['GET', `/v1/accounts/${acme.id}/reply-transport`],
      ['GET', `/v1/gate/${acme.id}/+12025550199`],
      ['POST', '/v1/inbound', { accountId: acme.id, messageId: 'm1', from: '+12025550199', to: '+12025550100', body: 'STOP' }],
    ];
    for (const [method, path, json] of routes) {
      const response = await system.request(method, path, { token: globex.apiKey, json });
      expect({ method, path, status: response.status, code: response.body?.error?.code }).toEqual({ method, path, status: 404, code: 'not_found' });
    }
    expect(await system.sql('SELECT 1 FROM webhook_endpoints WHERE account_id = $1', [acme.id])).toHaveLength(0);
  });

  it('answers 404 for an account id that is not a UUID, and 401 without a key', async () => {
    expect((await system.request('GET', '/v1/accounts/not-a-uuid', { token: acme.apiKey })).status).toBe(404);
    expect((await system.request('GET', `/v1/accounts/${acme.id}`)).status).toBe(401);
    expect((await system.request('GET', `/v1/accounts/${acme.id}`, { token: 'ook_made_up' })).status).toBe(401);
  });

  it('refuses bodies that are not JSON, or not valid JSON, with the right 4xx', async () => {
    const notJson = await system.request('POST', '/v1/inbound', { token: acme.apiKey, body: 'STOP', contentType: 'text/plain' });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('unsupported_media_type');
    const broken = await system.request('POST', '/v1/inbound', { token: acme.apiKey, body: '{"accountId":', contentType: 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const unknownField = await system.request('POST', '/v1/inbound', {
      token: acme.apiKey,
      json: { accountId: acme.id, messageId: 'm', from: '+12025550199', to: '+12025550100', body: 'x', extra: 1 },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toEqual([expect.objectContaining({ field: 'extra', rule: 'unknown_field' })]);
  });

  it('refuses a number that cannot be a phone number, naming the field', async () => {
    const response = await system.request('POST', '/v1/inbound', {
      token: acme.apiKey,
      json: { accountId: acme.id, messageId: 'm2', from: 'call me', to: '+12025550100', body: 'STOP' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ field: 'from', rule: 'phone_number', message: 'from contains letters' }]);
  });

  it('refuses webhook targets on private addresses unless allowed', async () => {
    const strict = await RunningSystem.start({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'false' });
    try {
      const account = await strict.createAccount();
      const response = await strict.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url: 'http://127.0.0.1:8080/hook' } });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0]).toMatchObject({ field: 'url', rule: 'webhook_target', message: expect.stringContaining('loopback') });
      const transport = await strict.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url: 'http://10.0.0.8/sms' } });
      expect(transport.status).toBe(400);
      expect(transport.body.error.details[0].message).toContain('private');
    } finally {
      await strict.stop();
    }
  });
});
