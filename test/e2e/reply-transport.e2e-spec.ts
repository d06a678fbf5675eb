import { TwilioCredentialRepository } from '@optout/database';
import { FakeTwilio } from '../support/fake-twilio';
import { counterDelta, scrapeMetrics } from '../support/prometheus-text';
import { RunningSystem } from '../support/running-system';
import { ScriptedEndpoint } from '../support/scripted-endpoint';
import { waitFor } from '../support/wait-for';
import { text, waitForReplyStatus } from '../support/webhook-helpers';

// Each case waits on real retries and timeouts; the default 5 s per test is too tight on a shared machine.
jest.setTimeout(30_000);

/**
 * Confirmation texts through an account's reply transport — Twilio's Messages API (against a
 * local fake that checks what Twilio checks) or a plain HTTP endpoint — with the webhooks'
 * rules: the same retries, every attempt recorded and listed. And the rule about blocked
 * numbers: the opt-out confirmation and help answers reach them, nothing else.
 */
describe('reply transports', () => {
  let system: RunningSystem;
  const closers: Array<{ stop(): Promise<void> }> = [];
  const accountSid = 'AC0123456789abcdef0123456789abcdef';
  const authToken = 'f00dfacecafe0123456789abcdef0123';
  let phoneSeq = 0;
  const nextPhone = () => `+1202555${String(5000 + phoneSeq++)}`;

  beforeAll(async () => {
    system = await RunningSystem.start();
  });

  afterAll(async () => {
    await Promise.all(closers.map((closer) => closer.stop()));
    await system?.stop();
  });

  const fakeTwilio = async (token = authToken) => {
    const twilio = await new FakeTwilio(accountSid, token).start();
    closers.push(twilio);
    return twilio;
  };
  const scripted = async () => {
    const endpoint = await new ScriptedEndpoint().start();
    closers.push(endpoint);
    return endpoint;
  };
  const putTransport = (account: { id: string; apiKey: string }, json: unknown) =>
    system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json });
  const replies = async (account: { id: string; apiKey: string }, query = '') =>
    (await system.request('GET', `/v1/accounts/${account.id}/reply-transport/deliveries${query}`, { token: account.apiKey })).body.items as any[];

  describe('twilio', () => {
    it('sends the confirmation through the Messages API and never shows the auth token', async () => {
      const account = await system.createAccount('Twilio user');
      const twilio = await fakeTwilio();
      const put = await putTransport(account, { type: 'twilio', accountSid, authToken, baseUrl: twilio.baseUrl });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ type: 'twilio', accountSid, messagingServiceSid: null, baseUrl: twilio.baseUrl, authTokenSet: true, updatedAt: expect.any(String) });
      const got = await system.request('GET', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey });
      expect(got.body).toEqual(put.body);
      expect(JSON.stringify(got.body)).not.toContain(authToken);

      const subscriber = nextPhone();
      await text(system, account, subscriber, 'STOP');
      await waitFor('the text at Twilio', () => (twilio.messages.length === 1 ? true : undefined), { timeoutMs: 5_000 });
      expect(twilio.messages[0]).toMatchObject({ to: subscriber, from: '+12025550100', body: expect.stringMatching(/unsubscribed/i) });
      expect(twilio.rejected).toEqual([]);

      const reply = await waitForReplyStatus(system, account, 'succeeded');
      // Twilio's SID for the text: the proof that the confirmation was handed to the carrier.
      expect(reply).toMatchObject({ kind: 'optOut', to: subscriber, transport: 'twilio', attemptCount: 1, lastStatusCode: 201, providerMessageId: twilio.messages[0].sid });
      expect(reply.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'succeeded', responseCode: 201, error: null })]);
    });

    it('keeps the auth token in one place, where the Twilio inbound webhook can read it', async () => {
      const account = await system.createAccount('Signature check');
      await putTransport(account, { type: 'twilio', accountSid, authToken: 'another-token-0123456789abcdef01' });
      const credentials = system.app.get(TwilioCredentialRepository);
      expect(await credentials.authTokenOf(account.id)).toBe('another-token-0123456789abcdef01');
      expect(await credentials.findForAccount(account.id)).toMatchObject({ accountSid, baseUrl: null });
      // Switching replies to HTTP leaves the Twilio credentials where inbound verification needs them.
      const crm = await scripted();
      await putTransport(account, { type: 'http', url: crm.url('/sms') });
      expect(await credentials.authTokenOf(account.id)).toBe('another-token-0123456789abcdef01');
    });

    it('retries Twilio 5xx and 429, and does not retry a refusal of the credentials', async () => {
      const metricsBefore = await scrapeMetrics(system.baseUrl);
      const account = await system.createAccount('Twilio trouble');
      const twilio = await fakeTwilio();
      twilio.failNext = [503, 429];
      await putTransport(account, { type: 'twilio', accountSid, authToken, baseUrl: twilio.baseUrl });
      await text(system, account, nextPhone(), 'STOP');
      const sent = await waitForReplyStatus(system, account, 'succeeded');
      expect(sent.attempts.map((attempt: any) => [attempt.status, attempt.responseCode])).toEqual([
        ['failed', 503],
        ['failed', 429],
        ['succeeded', 201],
      ]);
      expect(twilio.messages).toHaveLength(1);
      // A 5xx may hide a send: Twilio's list was read before the next attempt.
      expect(twilio.listRequests).toBeGreaterThan(0);

      const wrong = await system.createAccount('Wrong token');
      const strict = await fakeTwilio('the-real-token-0123456789abcdef0');
      await putTransport(wrong, { type: 'twilio', accountSid, authToken: 'a-stale-token-0123456789abcdef01', baseUrl: strict.baseUrl });
      await text(system, wrong, nextPhone(), 'STOP');
      const dead = await waitForReplyStatus(system, wrong, 'dead');
      // Twilio's own error is kept with the attempt (docs/carriers.md).
      expect(dead.attempts).toEqual([
        expect.objectContaining({
          status: 'dead',
          responseCode: 401,
          error: 'HTTP 401: not retried (4xx) (twilio error 20003: Authenticate)',
          carrierError: { code: '20003', message: 'Authenticate', moreInfo: null },
        }),
      ]);
      await system.waitUntilQueuesDrain();
      expect(strict.rejected).toEqual([{ status: 401, reason: 'bad credentials' }]);

      // Each attempt counted once by its outcome: two retried, one sent, and the refusal given up.
      const metricsAfter = await scrapeMetrics(system.baseUrl);
      const counted = (outcome: string) => counterDelta(metricsBefore, metricsAfter, 'optout_replies_total', { kind: 'optOut', outcome });
      expect({ sent: counted('sent'), failed: counted('failed'), dead: counted('dead') }).toEqual({ sent: 1, failed: 2, dead: 1 });
    });

    it('says which field is wrong', async () => {
      const account = await system.createAccount('Typos');
      const cases: Array<[unknown, string]> = [
        [{ type: 'twilio', accountSid }, 'authToken'],
        [{ type: 'twilio', accountSid: 'AC123', authToken }, 'accountSid'],
        [{ type: 'twilio', authToken }, 'accountSid'],
        [{ type: 'http', url: 'https://sms.example.com/send', accountSid }, 'accountSid'],
        [{ type: 'twilio', accountSid, authToken, url: 'https://sms.example.com/send' }, 'url'],
        [{ type: 'http' }, 'url'],
        [{ type: 'smtp', url: 'https://sms.example.com/send' }, 'type'],
      ];
      for (const [body, field] of cases) {
        const answer = await putTransport(account, body);
        expect({ body, status: answer.status, field: answer.body.error?.details?.[0]?.field }).toEqual({ body, status: 400, field });
      }
    });
  });

  describe('http', () => {
    it('retries like a webhook and records each attempt', async () => {
      const account = await system.createAccount('HTTP sender');
      const sms = await scripted();
      sms.respond = (_request, index) => (index === 0 ? 500 : 202);
      await putTransport(account, { type: 'http', url: sms.url('/sms') });
      const subscriber = nextPhone();
      await text(system, account, subscriber, 'STOP');
      const reply = await waitForReplyStatus(system, account, 'succeeded');
      expect(reply.attempts.map((attempt: any) => [attempt.status, attempt.responseCode])).toEqual([
        ['failed', 500],
        ['succeeded', 202],
      ]);
      expect(sms.requests.map((request) => request.headers['idempotency-key'])).toEqual([reply.eventId, reply.eventId]);
      expect(JSON.parse(sms.requests[1].body)).toMatchObject({ to: subscriber, kind: 'optOut', eventId: reply.eventId });
    });
  });

  describe('blocked numbers', () => {
    it('sends a blocked number its opt-out confirmation and help answers, and no welcome', async () => {
      const account = await system.createAccount('Careful sender');
      const sms = await scripted();
      await putTransport(account, { type: 'http', url: sms.url('/sms') });
      const subscriber = nextPhone();

      await text(system, account, subscriber, 'STOP');
      await waitFor('the opt-out confirmation', () => (sms.requests.length === 1 ? true : undefined), { timeoutMs: 5_000 });
      // The compliance spec: HELP is answered "whatever the state".
      await text(system, account, subscriber, 'HELP');
      await waitFor('the help answer', () => (sms.requests.length === 2 ? true : undefined), { timeoutMs: 5_000 });
      expect(sms.requests.map((request) => JSON.parse(request.body).kind)).toEqual(['optOut', 'help']);
    });

    it('judges on the state just before sending: a welcome back overtaken by a STOP is not sent', async () => {
      const metricsBefore = await scrapeMetrics(system.baseUrl);
      const account = await system.createAccount('Race');
      const sms = await scripted();
      // The welcome's first try fails and asks for 2 s: time for a later STOP to be applied.
      sms.respond = (request) => {
        const kind = JSON.parse(request.body).kind;
        return kind === 'optIn' && sms.requests.filter((r) => JSON.parse(r.body).kind === 'optIn').length === 1 ? { status: 503, headers: { 'retry-after': '2' } } : 204;
      };
      await putTransport(account, { type: 'http', url: sms.url('/sms') });
      const subscriber = nextPhone();

      await text(system, account, subscriber, 'START', '2026-11-26T10:00:00.000Z');
      await waitFor('the first try of the welcome', () => (sms.requests.length === 1 ? true : undefined), { timeoutMs: 5_000 });
      await text(system, account, subscriber, 'STOP', '2026-11-26T10:01:00.000Z');
      await waitFor('the opt-out confirmation', () => (sms.requests.length === 2 ? true : undefined), { timeoutMs: 5_000 });

      const welcome = await waitFor('the welcome back to be held back on its retry', async () => (await replies(account)).find((item) => item.kind === 'optIn' && item.status === 'suppressed'), {
        timeoutMs: 6_000,
        intervalMs: 100,
      });
      expect(welcome.attempts).toEqual([expect.objectContaining({ status: 'failed', responseCode: 503 })]);
      expect(welcome.lastError).toContain(`${subscriber} is opted out`);
      await system.waitUntilQueuesDrain();
      expect(sms.requests.map((request) => JSON.parse(request.body).kind)).toEqual(['optIn', 'optOut']);
      const metricsAfter = await scrapeMetrics(system.baseUrl);
      const counted = (kind: string, outcome: string) => counterDelta(metricsBefore, metricsAfter, 'optout_replies_total', { kind, outcome });
      expect([counted('optIn', 'failed'), counted('optIn', 'suppressed_opted_out'), counted('optOut', 'sent')]).toEqual([1, 1, 1]);
    });
  });
});
