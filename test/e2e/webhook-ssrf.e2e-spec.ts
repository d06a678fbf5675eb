import { randomUUID } from 'node:crypto';
import { RunningSystem } from '../support/running-system';
import { ScriptedEndpoint } from '../support/scripted-endpoint';
import { waitFor } from '../support/wait-for';
import { text, waitForDeliveryStatus } from '../support/webhook-helpers';
import { suiteFixture } from '../support/suite-fixture';

// Each case waits on real retries and timeouts; the default 5 s per test is too tight on a shared machine.
jest.setTimeout(30_000);

/**
 * The SSRF guard with ALLOW_PRIVATE_WEBHOOK_TARGETS off, as in production: loopback, private,
 * link-local (cloud metadata) targets and non-http(s) schemes are refused at registration,
 * and refused again when connecting — where a name that now resolves to loopback (what DNS
 * rebinding does) gets no request through. The rebinding itself, a name public at
 * registration and private at connect time, is in libs/egress/src/egress-agent.factory.spec.ts.
 */
describe('SSRF guard on webhook and reply targets', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await RunningSystem.start({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'false' }));
    // Stands for a service on our own network that a customer URL must never reach.
    const inside = stopLater(await new ScriptedEndpoint().start());
    return { system, inside, account: await system.createAccount('Curious') };
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://localhost:8080/hook', 'loopback'],
    ['http://[::1]:8080/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata)'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://192.168.0.10/hook', 'private'],
    ['ftp://example.com/hook', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
  ])('refuses to register a webhook to %s', async (url, why) => {
    const answer = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/webhooks`, { token: suite.account.apiKey, json: { url } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0]).toMatchObject({ field: 'url', rule: 'webhook_target' });
    expect(answer.body.error.details[0].message).toContain(why);
  });

  // Every IPv6 spelling of an internal address that registration used to accept (issue 13, item 1).
  const disguised = [
    ['http://[::ffff:127.0.0.1]:9/x', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['http://[::ffff:7f00:1]/x', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'IPv4-mapped form of 169.254.169.254, which is link-local (cloud metadata)'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/x', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['http://[::127.0.0.1]/x', 'IPv4-compatible form of 127.0.0.1, which is loopback'],
    ['http://[64:ff9b::7f00:1]/x', 'NAT64 form of 127.0.0.1, which is loopback'],
    ['http://[64:ff9b:1::a00:1]/x', 'local-use NAT64 form of 10.0.0.1, which is private'],
    ['http://[2002:7f00:1::]/x', '6to4 form of 127.0.0.1, which is loopback'],
    ['http://[2001:0:808:808::80ff:fffe]/x', 'Teredo form of 127.0.0.1, which is loopback'],
    ['http://[fec0::1]/x', 'site-local (private)'],
    ['http://[fd00::1]/x', 'unique local (private)'],
    ['http://[fe80::1]/x', 'link-local'],
    ['http://100.64.0.1/x', 'carrier-grade NAT'],
    ['http://0.0.0.0/x', 'this-network'],
    ['http://[2001:db8::1]/x', 'documentation'],
  ];

  it.each(disguised)('refuses %s as a webhook, an http reply transport and a Twilio base URL', async (url, why) => {
    const webhook = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/webhooks`, { token: suite.account.apiKey, json: { url } });
    expect(webhook.status).toBe(400);
    expect(webhook.body.error.details[0]).toMatchObject({ field: 'url', rule: 'webhook_target' });
    expect(webhook.body.error.details[0].message).toContain(why);

    const http = await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/reply-transport`, { token: suite.account.apiKey, json: { type: 'http', url } });
    expect(http.status).toBe(400);
    expect(http.body.error.details[0]).toMatchObject({ field: 'url', rule: 'reply_target' });
    expect(http.body.error.details[0].message).toContain(why);

    const twilio = await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/reply-transport`, {
      token: suite.account.apiKey,
      json: { type: 'twilio', accountSid: `AC${'0'.repeat(32)}`, authToken: 'a'.repeat(32), baseUrl: url },
    });
    expect(twilio.status).toBe(400);
    expect(twilio.body.error.details[0]).toMatchObject({ field: 'baseUrl', rule: 'reply_target' });
    expect(twilio.body.error.details[0].message).toContain(why);
  });

  it('refuses private reply-transport URLs and Twilio base URLs too', async () => {
    const http = await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/reply-transport`, { token: suite.account.apiKey, json: { type: 'http', url: suite.inside.url('/sms') } });
    expect(http.status).toBe(400);
    expect(http.body.error.details[0]).toMatchObject({ field: 'url', rule: 'reply_target' });
    const twilio = await suite.system.request('PUT', `/v1/accounts/${suite.account.id}/reply-transport`, {
      token: suite.account.apiKey,
      json: { type: 'twilio', accountSid: `AC${'0'.repeat(32)}`, authToken: 'a'.repeat(32), baseUrl: 'http://169.254.169.254' },
    });
    expect(twilio.status).toBe(400);
    expect(twilio.body.error.details[0]).toMatchObject({ field: 'baseUrl', rule: 'reply_target' });
    const patch = await suite.system.request('PATCH', `/v1/accounts/${suite.account.id}/webhooks/${randomUUID()}`, { token: suite.account.apiKey, json: { url: 'http://10.0.0.1/' } });
    expect(patch.status).toBe(404);
  });

  it('refuses at connect time a target whose name resolves to loopback, and never retries it', async () => {
    // As if the name had resolved to a public address at registration and been rebound since:
    // the row is written directly, the way only a changed DNS answer could make it.
    const endpointId = randomUUID();
    await suite.system.sql(`INSERT INTO webhook_endpoints (id, account_id, url, events, secret) VALUES ($1, $2, $3, $4, $5)`, [
      endpointId,
      suite.account.id,
      `http://localhost:${suite.inside.port}/hook`,
      ['consent.opted_out'],
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]);
    await suite.system.sql(`INSERT INTO reply_transports (account_id, config) VALUES ($1, $2::jsonb)`, [
      suite.account.id,
      JSON.stringify({ type: 'http', url: `http://127.0.0.1:${suite.inside.port}/sms` }),
    ]);

    await text(suite.system, suite.account, '+12025553001', 'STOP');
    const delivery = await waitForDeliveryStatus(suite.system, suite.account, endpointId, 'dead');
    expect(delivery.attempts).toEqual([expect.objectContaining({ status: 'dead', responseCode: null })]);
    expect(delivery.attempts[0].error).toMatch(/^refused: .*127\.0\.0\.1 is loopback|^refused: .*::1 is loopback/);

    const reply = await waitFor('the refused reply', async () => {
      const listed = await suite.system.request('GET', `/v1/accounts/${suite.account.id}/reply-transport/deliveries`, { token: suite.account.apiKey });
      return listed.body.items.find((item: any) => item.status === 'dead');
    }, { timeoutMs: 5_000 });
    expect(reply.attempts).toEqual([expect.objectContaining({ status: 'dead', responseCode: null })]);
    expect(reply.attempts[0].error).toContain('127.0.0.1 is loopback');

    await suite.system.waitUntilQueuesDrain();
    expect(suite.inside.requests).toHaveLength(0);
  });
});
