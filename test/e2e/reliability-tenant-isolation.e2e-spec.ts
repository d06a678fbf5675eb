import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { twilioSignature } from '../../apps/gateway/src/carriers/twilio-signature.util';
import { routeParamsOf, SeededAccount, seedAccount } from '../support/api-fixtures';
import { HttpReceiver } from '../support/http-receiver';
import { CatalogueRoute, fillPath, listControllerRoutes, paramsOf } from '../support/route-catalogue';
import { RunningSystem } from '../support/running-system';
import { suiteFixture } from '../support/suite-fixture';
import { TEST_ADMIN_TOKEN } from '../support/test-config';

/**
 * Tenant isolation: every account route, read from the gateway's own controllers, tried with
 * another account's key, answers 404 `not_found` — as an account that does not exist would —
 * and changes nothing of the account it named.
 */

/** Routes that name no account in their path, and why they are not account routes. */
const NOT_ACCOUNT_ROUTES: Record<string, string> = {
  'GET /health/live': 'public probe',
  'GET /health/ready': 'public probe',
  'GET /v1/accounts': 'admin token',
  'POST /v1/accounts': 'admin token',
  'GET /v1/accounts/me': 'the key names its own account (no account id to get wrong): test/e2e/console.e2e-spec.ts',
  'POST /v1/inbound': 'account in the body: checked below',
  'POST /v1/inbound/batch': 'account in each message: checked below',
  'POST /v1/carriers/twilio/:accountId': "Twilio's signature, not an API key: checked below",
  'POST /v1/carriers/twilio/:accountId/status': "Twilio's signature, not an API key: checked below",
  'POST /v1/carriers/telnyx/:accountId': "Telnyx's Ed25519 signature, not an API key: checked below",
};

describe('tenant isolation', () => {
  const suite = suiteFixture(
    async (stopLater) => {
      const system = stopLater(await RunningSystem.start());
      const receiver = stopLater(await new HttpReceiver().start());
      return {
        system,
        receiver,
        acme: await seedAccount(system, receiver, 'acme', '+12025550301'),
        globex: await seedAccount(system, receiver, 'globex', '+12025550302'),
        routes: listControllerRoutes(system.app),
      };
    },
    { stopTimeoutMs: 120_000 },
  );

  /** A request that would succeed with the right key: the account is the only thing wrong. */
  const validRequest = (route: CatalogueRoute): { json?: unknown; body?: string; contentType?: string } => {
    const key = `${route.method} ${route.path}`;
    const bodies: Record<string, { json?: unknown; body?: string; contentType?: string }> = {
      'POST /v1/accounts/:accountId/webhooks': { json: { url: suite.receiver.url('/hijack') } },
      'PATCH /v1/accounts/:accountId/webhooks/:id': { json: { enabled: false, url: suite.receiver.url('/hijack') } },
      'POST /v1/accounts/:accountId/webhooks/:id/rotate-secret': { json: { graceSeconds: 0 } },
      'PUT /v1/accounts/:accountId/reply-transport': { json: { type: 'http', url: suite.receiver.url('/hijack') } },
      'PUT /v1/accounts/:accountId/compliance': { json: { optOut: { message: 'Hijacked.' } } },
      'POST /v1/accounts/:accountId/compliance/classify': { json: { from: suite.acme.phone, body: 'STOP' } },
      'POST /v1/gate/:accountId/check': { json: { phones: [suite.acme.phone] } },
      'PUT /v1/accounts/:accountId/blocklist/:phone': { json: { reason: 'hijack' } },
      'POST /v1/accounts/:accountId/blocklist/import': { body: 'phone\n+12025550399\n', contentType: 'text/csv' },
      'POST /v1/accounts/:accountId/reviews/:id': { json: { decision: 'optOut' } },
    };
    return bodies[key] ?? {};
  };

  it('classifies every route: account routes carry :accountId and the API-key guard', () => {
    const unclassified = suite.routes
      .filter((route) => !(`${route.method} ${route.path}` in NOT_ACCOUNT_ROUTES))
      .filter((route) => !(route.path.includes(':accountId') && route.guards.includes('ApiKeyGuard')));
    expect(unclassified).toEqual([]);
    // The list above names only routes that exist.
    const known = new Set(suite.routes.map((route) => `${route.method} ${route.path}`));
    expect(Object.keys(NOT_ACCOUNT_ROUTES).filter((key) => !known.has(key))).toEqual([]);
  });

  it("answers 404 to every account route tried with another account's key, and changes nothing", async () => {
    const before = await snapshot(suite.acme);
    const accountRoutes = suite.routes.filter((route) => route.path.includes(':accountId') && route.guards.includes('ApiKeyGuard'));
    expect(accountRoutes.length).toBeGreaterThanOrEqual(20);
    const answers = [];
    for (const route of accountRoutes) {
      const path = fillPath(route.path, routeParamsOf(suite.acme));
      const response = await suite.system.request(route.method, path, { token: suite.globex.apiKey, ...validRequest(route) });
      answers.push({ route: `${route.method} ${route.path}`, status: response.status, code: response.body?.error?.code });
    }
    expect(answers.filter((answer) => answer.status !== 404 || answer.code !== 'not_found')).toEqual([]);

    // The same routes with globex's own ids in the path (so no id of acme's is needed to tell): still 404.
    for (const route of accountRoutes.filter((route) => paramsOf(route.path).length > 1)) {
      const path = fillPath(route.path, { ...routeParamsOf(suite.globex), accountId: suite.acme.id });
      const response = await suite.system.request(route.method, path, { token: suite.globex.apiKey, ...validRequest(route) });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({ route: `${route.method} ${route.path}`, status: 404 });
    }

    expect(await snapshot(suite.acme)).toEqual(before);
  });

  it("answers 404 for one account's resources reached through the other's path", async () => {
    // acme's own key and account, with globex's webhook and delivery ids: 404, not globex's data.
    for (const route of suite.routes.filter((route) => route.guards.includes('ApiKeyGuard') && (route.path.includes(':id') || route.path.includes(':deliveryId') || route.path.includes(':keyId')))) {
      const path = fillPath(route.path, { ...routeParamsOf(suite.globex), accountId: suite.acme.id, phone: suite.acme.phone });
      const response = await suite.system.request(route.method, path, { token: suite.acme.apiKey, ...validRequest(route) });
      expect({ route: `${route.method} ${route.path}`, status: response.status, code: response.body?.error?.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
        code: 'not_found',
      });
    }
  });

  it('refuses inbound messages naming another account, single or in a batch, and queues none', async () => {
    const message = { accountId: suite.acme.id, messageId: 'cross-1', from: '+12025550398', to: '+12025550100', body: 'STOP' };
    const single = await suite.system.request('POST', '/v1/inbound', { token: suite.globex.apiKey, json: message });
    expect({ status: single.status, code: single.body.error.code }).toEqual({ status: 404, code: 'not_found' });
    // A batch answers per message (one bad message must not refuse the other 999): each one naming
    // another account is rejected as not found, and nothing is queued.
    const batch = await suite.system.request('POST', '/v1/inbound/batch', { token: suite.globex.apiKey, json: { messages: [message, { ...message, messageId: 'cross-2' }] } });
    expect(batch.status).toBe(202);
    expect(batch.body).toEqual({
      accepted: 0,
      rejected: [0, 1].map((index) => ({ index, error: expect.objectContaining({ code: 'not_found' }) })),
    });
    await suite.system.waitUntilQueuesDrain();
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE phone = $1', ['+12025550398'])).toEqual([]);
  });

  it("refuses a Twilio webhook signed with another account's auth token", async () => {
    const token = (seed: SeededAccount) =>
      suite.system.request('PUT', `/v1/accounts/${seed.id}/reply-transport`, {
        token: seed.apiKey,
        json: { type: 'twilio', accountSid: `AC${seed === suite.acme ? 'a' : 'b'}${'0'.repeat(31)}`, authToken: `auth-token-of-${seed === suite.acme ? 'acme' : 'globex'}` },
      });
    expect((await token(suite.acme)).status).toBe(200);
    expect((await token(suite.globex)).status).toBe(200);
    const path = `/v1/carriers/twilio/${suite.acme.id}`;
    const params = { MessageSid: `SM${'9'.repeat(32)}`, From: '+12025550397', To: '+12025550100', Body: 'STOP' };
    const response = await fetch(`${suite.system.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('auth-token-of-globex', `${suite.system.baseUrl}${path}`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');

    const statusPath = `/v1/carriers/twilio/${suite.acme.id}/status`;
    const callback = { MessageSid: `SM${'8'.repeat(32)}`, From: '+12025550100', To: '+12025550396', MessageStatus: 'failed', ErrorCode: '21610' };
    const status = await fetch(`${suite.system.baseUrl}${statusPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('auth-token-of-globex', `${suite.system.baseUrl}${statusPath}`, callback) },
      body: new URLSearchParams(callback).toString(),
    });
    expect(status.status).toBe(403);
    await suite.system.waitUntilQueuesDrain();
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE phone = ANY($1)', [['+12025550397', '+12025550396']])).toEqual([]);
  });

  it("refuses a Telnyx webhook signed with another account's key", async () => {
    const keys = { acme: generateKeyPairSync('ed25519'), globex: generateKeyPairSync('ed25519') };
    const portalKey = (pair: { publicKey: KeyObject }) => Buffer.from(pair.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
    for (const [seed, pair] of [
      [suite.acme, keys.acme],
      [suite.globex, keys.globex],
    ] as const) {
      const put = await suite.system.request('PUT', `/v1/accounts/${seed.id}/reply-transport`, {
        token: seed.apiKey,
        json: { type: 'telnyx', apiKey: `KEY-of-${seed.id}`, publicKey: portalKey(pair) },
      });
      expect(put.status).toBe(200);
    }
    const body = JSON.stringify({
      data: { event_type: 'message.received', id: 'evt', payload: { id: 'telnyx-tenant-1', text: 'STOP', from: { phone_number: '+12025550395' }, to: [{ phone_number: '+12025550100' }] } },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${suite.system.baseUrl}/v1/carriers/telnyx/${suite.acme.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'telnyx-timestamp': timestamp, 'telnyx-signature-ed25519': sign(null, Buffer.from(`${timestamp}|${body}`), keys.globex.privateKey).toString('base64') },
      body,
    });
    expect(response.status).toBe(403);
    await suite.system.waitUntilQueuesDrain();
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE phone = $1', ['+12025550395'])).toEqual([]);
  });

  it('gives an API key no admin route', async () => {
    expect((await suite.system.request('GET', '/v1/accounts', { token: suite.acme.apiKey })).status).toBe(401);
    expect((await suite.system.request('POST', '/v1/accounts', { token: suite.acme.apiKey, json: { name: 'Mine now' } })).status).toBe(401);
    expect((await suite.system.request('GET', '/ops/queues/health', { token: suite.acme.apiKey })).status).toBe(401);
    // ...and the admin token is no API key.
    expect((await suite.system.request('GET', `/v1/accounts/${suite.acme.id}`, { token: TEST_ADMIN_TOKEN })).status).toBe(401);
  });

  /** What another account's requests could have changed, read with acme's own key and SQL. */
  async function snapshot(account: SeededAccount) {
    const get = async (path: string) => (await suite.system.request('GET', path, { token: account.apiKey })).body;
    return {
      account: await get(`/v1/accounts/${account.id}`),
      webhooks: await get(`/v1/accounts/${account.id}/webhooks`),
      delivery: await get(`/v1/accounts/${account.id}/webhooks/deliveries/${account.deliveryId}`),
      transport: await get(`/v1/accounts/${account.id}/reply-transport`),
      compliance: await get(`/v1/accounts/${account.id}/compliance`),
      gate: await get(`/v1/gate/${account.id}/${encodeURIComponent(account.phone)}`),
      ledger: await suite.system.sql('SELECT id, phone, kind, erased_at FROM consent_events WHERE account_id = $1 ORDER BY id', [account.id]),
      states: await suite.system.sql('SELECT phone, status, source_message_id FROM consent_states WHERE account_id = $1 ORDER BY phone', [account.id]),
      keys: await suite.system.sql('SELECT id, revoked_at FROM api_keys WHERE account_id = $1 ORDER BY id', [account.id]),
    };
  }
});
