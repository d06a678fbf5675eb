import { RunningSystem } from '../support/running-system';
import { ScriptedEndpoint, ScriptedRequest } from '../support/scripted-endpoint';
import { waitFor } from '../support/wait-for';
import { createWebhook, text, verifyAsCustomer } from '../support/webhook-helpers';
import { stopAfterAll } from '../support/stop-after-all';

// Each case waits on real retries and timeouts; the default 5 s per test is too tight on a shared machine.
jest.setTimeout(30_000);

/**
 * Rotating a webhook secret without dropping a delivery: during the grace period every
 * delivery carries two signatures (new and old, space-separated), so receivers still holding
 * the old secret keep verifying while the business rolls the new one out.
 */
describe('webhook secret rotation', () => {
  let system: RunningSystem;
  let crm: ScriptedEndpoint;
  let account: { id: string; apiKey: string };
  let phoneSeq = 0;

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    system = stopLater(await RunningSystem.start());
    crm = stopLater(await new ScriptedEndpoint().start());
    account = await system.createAccount('Rotating');
  });

  const optOutAndReceive = async (path: string) => {
    const before = crm.on(path).length;
    await text(system, account, `+1202555${String(2000 + phoneSeq++)}`, 'STOP');
    return waitFor(`a delivery at ${path}`, () => crm.on(path)[before], { timeoutMs: 5_000 });
  };

  const rotate = (webhookId: string, body?: unknown) =>
    system.request('POST', `/v1/accounts/${account.id}/webhooks/${webhookId}/rotate-secret`, { token: account.apiKey, ...(body === undefined ? {} : { json: body }) });

  /** The delivery carries one signature, by `secret`: the retired secret no longer verifies it. */
  const expectSignedOnlyWith = (delivery: ScriptedRequest, secret: string, retired: string) => {
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyAsCustomer(secret, delivery).type).toBe('consent.opted_out');
    expect(() => verifyAsCustomer(retired, delivery)).toThrow();
  };

  it('signs with both secrets for a day by default, and shows the new secret once', async () => {
    const webhook = await createWebhook(system, account, crm.url('/default'));
    const rotated = await rotate(webhook.id);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    const graceEnds = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(graceEnds - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(graceEnds - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    const shown = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}`, { token: account.apiKey });
    expect(shown.body).toMatchObject({ enabled: true, previousSecretExpiresAt: rotated.body.previousSecretExpiresAt });
    expect(JSON.stringify(shown.body)).not.toContain('whsec_');

    const delivery = await optOutAndReceive('/default');
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver on the old secret and one on the new both accept it.
    expect(verifyAsCustomer(webhook.secret, delivery).type).toBe('consent.opted_out');
    expect(verifyAsCustomer(rotated.body.secret, delivery).type).toBe('consent.opted_out');
  });

  it('retires the old secret at once with graceSeconds: 0', async () => {
    const webhook = await createWebhook(system, account, crm.url('/now'));
    const rotated = await rotate(webhook.id, { graceSeconds: 0 });
    expect(rotated.body.previousSecretExpiresAt).toBeNull();
    const delivery = await optOutAndReceive('/now');
    expectSignedOnlyWith(delivery, rotated.body.secret, webhook.secret);
  });

  it('stops signing with the old secret once the grace period is over', async () => {
    const webhook = await createWebhook(system, account, crm.url('/short'));
    const rotated = await rotate(webhook.id, { graceSeconds: 1 });
    const during = await optOutAndReceive('/short');
    expect(verifyAsCustomer(webhook.secret, during).type).toBe('consent.opted_out');

    await waitFor(
      'the grace period to end',
      async () => ((await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}`, { token: account.apiKey })).body.previousSecretExpiresAt === null ? true : undefined),
      { timeoutMs: 3_000, intervalMs: 100 },
    );
    const after = await optOutAndReceive('/short');
    expectSignedOnlyWith(after, rotated.body.secret, webhook.secret);
  });

  it('keeps only the newest two secrets when rotating twice within the grace period', async () => {
    const webhook = await createWebhook(system, account, crm.url('/twice'));
    const second = await rotate(webhook.id);
    const third = await rotate(webhook.id);
    const delivery = await optOutAndReceive('/twice');
    expect(verifyAsCustomer(third.body.secret, delivery).type).toBe('consent.opted_out');
    expect(verifyAsCustomer(second.body.secret, delivery).type).toBe('consent.opted_out');
    expect(() => verifyAsCustomer(webhook.secret, delivery)).toThrow();
  });

  it('says what is wrong with a bad grace period, and 404s an unknown endpoint', async () => {
    const webhook = await createWebhook(system, account, crm.url('/bad'));
    for (const graceSeconds of [-1, 1.5, 8 * 86_400, 'a day']) {
      const answer = await rotate(webhook.id, { graceSeconds });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details[0]).toMatchObject({ field: 'graceSeconds' });
    }
    expect((await rotate('7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11')).status).toBe(404);
  });
});
