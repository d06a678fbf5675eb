import { randomBytes } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { ConfigModule } from '@optout/config';
import { ConsentErasureRepository, DatabaseModule } from '@optout/database';
import { NestFactory } from '@nestjs/core';
import { rootModuleFor } from '@optout/runtime';
import { twilioSignature } from '../../apps/gateway/src/carriers/twilio-signature.util';
import { HttpReceiver } from '../support/http-receiver';
import { RunningSystem } from '../support/running-system';
import { testConfig, TEST_SECRETS_KEY } from '../support/test-config';
import { verifyAsCustomer } from '../support/webhook-helpers';
import { waitFor } from '../support/wait-for';
import { suiteFixture } from '../support/suite-fixture';

const SEALED_WITH = (keyId: string) => new RegExp(`^enc:v1:${keyId}:[A-Za-z0-9_-]+$`);
const ROTATED_KEY = `k2:${randomBytes(32).toString('base64')}`;

/** Issue 13, item 8: webhook secrets and carrier auth tokens are encrypted in Postgres, and keys rotate. */
describe('secrets at rest', () => {
  const authToken = 'twilio-auth-token-0123456789abcdef';
  const publicBaseUrl = 'https://optout.example.com';
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await RunningSystem.start({ PUBLIC_BASE_URL: publicBaseUrl }));
    const receiver = stopLater(await new HttpReceiver().start());
    return { system, receiver, account: await system.createAccount('Sealed Florist') };
  });

  const stored = async () => ({
    webhooks: await suite.system.sql<{ id: string; secret: string; previous_secret: string | null }>('SELECT id, secret, previous_secret FROM webhook_endpoints ORDER BY created_at'),
    twilio: await suite.system.sql<{ auth_token: string }>('SELECT auth_token FROM twilio_credentials'),
    erasureKey: (await suite.system.sql<{ secret: string }>('SELECT secret FROM erasure_keys'))[0].secret,
  });
  /** An erased number stays blocked only while the erasure key (sealed) opens to the same bytes. */
  const gateOf = async (phone: string) =>
    (await suite.system.request('GET', `/v1/gate/${suite.account.id}/${encodeURIComponent(phone)}`, { token: suite.account.apiKey })).body as { allowed: boolean; status: string };

  /** A STOP through the Twilio webhook, signed with the auth token: checked against the sealed one. */
  const twilioStop = async (messageSid: string, from: string) => {
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    const params = { MessageSid: messageSid, From: from, To: '+12025550100', Body: 'STOP' };
    return fetch(`${suite.system.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, `${publicBaseUrl}${path}`, params) },
      body: new URLSearchParams(params).toString(),
    });
  };

  /** Waits for the webhook of `from`'s opt-out, and checks its signature with `secret` as a customer would. */
  const verifiedDeliveryFor = async (from: string, secret: string) => {
    const request = await waitFor(`the webhook for ${from}`, () => suite.receiver.requests.find((r) => r.body.includes(from)), { timeoutMs: 20_000, intervalMs: 50 });
    return verifyAsCustomer(secret, { body: request.body, headers: request.headers } as never);
  };

  it('keeps webhook secrets (current and previous) and Twilio auth tokens sealed, and still signs and checks with them', async () => {
    const created = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/webhooks`, { token: suite.account.apiKey, json: { url: suite.receiver.url('/crm') } });
    expect(created.status).toBe(201);
    const first: string = created.body.secret;
    const rotated = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/webhooks/${created.body.id}/rotate-secret`, { token: suite.account.apiKey, json: { graceSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    const second: string = rotated.body.secret;
    const transport = await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/reply-transport`, {
      token: suite.account.apiKey,
      json: { type: 'twilio', accountSid: `AC${'a'.repeat(32)}`, authToken, baseUrl: suite.receiver.url('/twilio') },
    });
    expect(transport.status).toBe(200);

    const rows = await stored();
    expect(rows.webhooks[0].secret).toMatch(SEALED_WITH('test'));
    expect(rows.webhooks[0].previous_secret).toMatch(SEALED_WITH('test'));
    expect(rows.twilio[0].auth_token).toMatch(SEALED_WITH('test'));
    expect(rows.erasureKey).toMatch(SEALED_WITH('test'));
    const everything = JSON.stringify(rows);
    for (const secret of [first, second, authToken, first.slice(6), second.slice(6)]) expect(everything).not.toContain(secret);

    // The Twilio signature is checked against the sealed token, and the webhook is signed with
    // both secrets during the grace period (a customer holding either verifies it).
    expect((await twilioStop(`SM${'1'.repeat(32)}`, '+12025550501')).status).toBe(200);
    expect((await verifiedDeliveryFor('+12025550501', second)).type).toBe('consent.opted_out');
    expect((await verifiedDeliveryFor('+12025550501', first)).type).toBe('consent.opted_out');
  }, 60_000);

  it('seals plaintext rows at start-up, and moves every row to a new key when SECRETS_KEY rotates', async () => {
    // Rows as an older version wrote them: plaintext.
    const legacySecret = `whsec_${randomBytes(24).toString('base64')}`;
    const [{ id: legacyId }] = await suite.system.sql<{ id: string }>(
      `INSERT INTO webhook_endpoints (id, account_id, url, events, secret, enabled) VALUES (gen_random_uuid(), $1, $2, $3, $4, true) RETURNING id`,
      [suite.account.id, suite.receiver.url('/legacy'), ['consent.opted_out'], legacySecret],
    );
    await suite.system.sql('UPDATE twilio_credentials SET auth_token = $1 WHERE account_id = $2', [authToken, suite.account.id]);
    // A number erased before the rotation must stay blocked after it: the erasure key moves
    // to the new SECRETS_KEY unchanged.
    const erased = '+12025550503';
    expect((await suite.system.request('DELETE', `/v1/accounts/${suite.account.id}/consent/${encodeURIComponent(erased)}/personal-data`, { token: suite.account.apiKey })).status).toBe(200);
    expect(await gateOf(erased)).toMatchObject({ allowed: false, status: 'opted_out' });
    const erasureKeyBefore = (await stored()).erasureKey;

    // A process starting with the new key (the old one as previous), on the same database.
    let context: INestApplicationContext | null = null;
    try {
      const config = testConfig(suite.system.database.url, { SECRETS_KEY: ROTATED_KEY, SECRETS_KEY_PREVIOUS: TEST_SECRETS_KEY });
      context = await NestFactory.createApplicationContext(rootModuleFor(config, []), { logger: ['error'] });
      const rows = await stored();
      for (const row of rows.webhooks) {
        expect(row.secret).toMatch(SEALED_WITH('k2'));
        if (row.previous_secret !== null) expect(row.previous_secret).toMatch(SEALED_WITH('k2'));
      }
      expect(rows.webhooks.map((row) => row.id)).toContain(legacyId);
      expect(rows.twilio[0].auth_token).toMatch(SEALED_WITH('k2'));
      expect(rows.erasureKey).toMatch(SEALED_WITH('k2'));
      expect(rows.erasureKey).not.toBe(erasureKeyBefore);
      // This process opens the re-sealed key to the same bytes: its hash of the erased number
      // is the stored one.
      const [{ phone_hash: storedHash }] = await suite.system.sql<{ phone_hash: string }>('SELECT phone_hash FROM consent_suppressions WHERE account_id = $1', [suite.account.id]);
      expect(await context.get(ConsentErasureRepository, { strict: false }).hashOf(suite.account.id, erased)).toBe(storedHash);
      expect(JSON.stringify(rows)).not.toContain(legacySecret);
      expect(JSON.stringify(rows)).not.toContain(authToken);

      // Still readable: the legacy endpoint's deliveries are signed with its secret, and the
      // Twilio signature still checks (this process now seals and opens with k2).
      expect((await twilioStop(`SM${'2'.repeat(32)}`, '+12025550502')).status).toBe(200);
      const legacyDelivery = await waitFor('the legacy endpoint delivery', () => suite.receiver.requests.find((r) => r.path === '/legacy' && r.body.includes('+12025550502')), { timeoutMs: 20_000, intervalMs: 50 });
      expect(verifyAsCustomer(legacySecret, { body: legacyDelivery.body, headers: legacyDelivery.headers } as never).type).toBe('consent.opted_out');
    } finally {
      await context?.close();
    }
  }, 90_000);

  it('refuses to start without the key that sealed the rows', async () => {
    const config = testConfig(suite.system.database.url, { SECRETS_KEY: `k3:${randomBytes(32).toString('base64')}` });
    // Only the database module (what runs the re-seal), so that the failed start leaves no Redis connection behind.
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot()] })
    class DatabaseOnly {}
    await expect(NestFactory.createApplicationContext(DatabaseOnly, { logger: false, abortOnError: false })).rejects.toThrow(/sealed with key "k2", which neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS holds/);
  }, 60_000);
});
