import { request as httpRequest } from 'node:http';
import twilio from 'twilio';
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';
import { FakeTwilio, TWILIO_UNSUBSCRIBED } from '../support/fake-twilio';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { repliesOf, waitForReplyStatus } from '../support/webhook-helpers';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';

jest.setTimeout(60_000);

/**
 * Twilio at the official SDK's level, against a local stand-in answering as Twilio's API
 * does: signatures the SDK accepts behind a proxy, what Twilio already knows (OptOutType,
 * error 21610 on a send or a status callback), its error kept on a refused send, a 5xx looked
 * up before sending again, and sending through a Messaging Service.
 */
describe('Twilio at the SDK level', () => {
  const accountSid = `AC${'b'.repeat(32)}`;
  const authToken = 'twilio-auth-token-sdk-0123456789ab';
  const serviceSid = `MG${'c'.repeat(32)}`;
  const business = '+12025550100';
  const suite = suiteFixture(async (stopLater) => {
    // No PUBLIC_BASE_URL: the URL is rebuilt from Host and X-Forwarded-Proto, the case where proxies matter.
    const system = stopLater(await RunningSystem.start());
    const fake = stopLater(await new FakeTwilio(accountSid, authToken).start());
    const account = await system.createAccount('Twilio SDK user');
    const put = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, {
      token: account.apiKey,
      json: { type: 'twilio', accountSid, authToken, messagingServiceSid: serviceSid, baseUrl: fake.baseUrl },
    });
    expect(put.status).toBe(200);
    expect(put.body.messagingServiceSid).toBe(serviceSid);
    return { system, fake, account };
  });

  let phoneSeq = 0;
  const nextPhone = () => `+1202555${String(7000 + phoneSeq++)}`;

  /** Posts a Twilio form with the Host and proxy headers a load balancer would pass on. */
  const postForm = (path: string, params: Record<string, string>, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${suite.system.baseUrl}${path}`);
      const body = new URLSearchParams(params).toString();
      const req = httpRequest(
        { host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const sms = (sid: string, from: string, body: string, extra: Record<string, string> = {}) => ({
    MessageSid: sid,
    SmsSid: sid,
    AccountSid: accountSid,
    From: from,
    To: business,
    Body: body,
    NumMedia: '0',
    ApiVersion: '2010-04-01',
    ...extra,
  });
  /** Signed by the SDK over `signedUrl`, sent through a proxy that says `https` first. */
  const viaProxy = (path: string, params: Record<string, string>, signedUrl: string, host = 'optout.example.com') =>
    postForm(path, params, { host, 'x-forwarded-proto': 'https, http', 'x-twilio-signature': getExpectedTwilioSignature(authToken, signedUrl, params) });
  const history = async (phone: string) => (await suite.system.request('GET', `/v1/accounts/${suite.account.id}/consent/${encodeURIComponent(phone)}`, { token: suite.account.apiKey })).body;
  const repliesTo = (phone: string) => repliesOf(suite.system, suite.account, phone);

  it.each([
    ['signed with :443, Host without a port', (path: string) => `https://optout.example.com:443${path}`, 'optout.example.com'],
    ['signed without a port, Host with :443', (path: string) => `https://optout.example.com${path}`, 'optout.example.com:443'],
    ['signed as is, behind proxies "https, http"', (path: string) => `https://optout.example.com${path}`, 'optout.example.com'],
  ])('accepts what the SDK accepts: %s', async (_case, signedUrlOf, host) => {
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    const subscriber = nextPhone();
    const params = sms(`SM${String(phoneSeq).padStart(32, '0')}`, subscriber, 'HELP');
    // The SDK's own check, over the URL as the gateway sees it, agrees.
    const seen = `https://${host}${path}`;
    expect(validateRequest(authToken, getExpectedTwilioSignature(authToken, signedUrlOf(path), params), seen, params)).toBe(true);
    const response = await viaProxy(path, params, signedUrlOf(path), host);
    expect(response.status).toBe(200);
  });

  it('still refuses a signature made over the http URL when the client-facing proxy says https', async () => {
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    const params = sms(`SM${'e'.repeat(32)}`, nextPhone(), 'STOP');
    expect((await viaProxy(path, params, `http://optout.example.com${path}`)).status).toBe(403);
  });

  it("honours Twilio's OptOutType when no keyword matches, as the carrier's, with no text of ours", async () => {
    const subscriber = nextPhone();
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    const params = sms(`SM${'f'.repeat(31)}1`, subscriber, 'arrête', { OptOutType: 'STOP' });
    expect((await viaProxy(path, params, `https://optout.example.com${path}`)).status).toBe(200);
    await waitFor('the number to be blocked', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    expect((await history(subscriber)).history).toEqual([expect.objectContaining({ kind: 'optOut', source: 'carrier', keyword: 'STOP', carrierCode: 'STOP', reason: expect.stringContaining('OptOutType') })]);
    await suite.system.waitUntilQueuesDrain(20_000);
    expect(suite.fake.messages.filter((message) => message.to === subscriber)).toEqual([]);
    expect(await repliesTo(subscriber)).toEqual([]);
  });

  it('records an opt-out from a signed status callback with ErrorCode 21610, and acknowledges other statuses', async () => {
    const subscriber = nextPhone();
    const path = `/v1/carriers/twilio/${suite.account.id}/status`;
    const failed = { MessageSid: `SM${'d'.repeat(32)}`, AccountSid: accountSid, From: business, To: subscriber, MessageStatus: 'failed', ErrorCode: '21610', ApiVersion: '2010-04-01' };
    const unsigned = await postForm(path, failed, { host: 'optout.example.com', 'x-forwarded-proto': 'https' });
    expect(unsigned.status).toBe(403);
    const response = await viaProxy(path, failed, `https://optout.example.com${path}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'opt_out_recorded' });
    await waitFor('the number to be blocked', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    expect((await history(subscriber)).history).toEqual([expect.objectContaining({ kind: 'optOut', source: 'carrier', keyword: '21610', carrierCode: '21610', reason: expect.stringContaining('21610') })]);

    const delivered = { ...failed, MessageSid: `SM${'a'.repeat(32)}`, To: nextPhone(), MessageStatus: 'delivered', ErrorCode: '' };
    const ignored = await viaProxy(path, delivered, `https://optout.example.com${path}`);
    expect(JSON.parse(ignored.body)).toEqual({ status: 'ignored' });
  });

  it("keeps Twilio's code, message and more_info on a refused send, and records the opt-out 21610 means", async () => {
    // The SDK reads the stand-in's refusal as it reads Twilio's.
    const client = twilio(accountSid, authToken);
    client.api.baseUrl = suite.fake.baseUrl;
    suite.fake.refuseNext.push(TWILIO_UNSUBSCRIBED);
    await expect(client.messages.create({ to: '+12025550998', from: business, body: 'x' })).rejects.toMatchObject({ status: 400, code: 21610, moreInfo: 'https://www.twilio.com/docs/errors/21610' });

    const subscriber = nextPhone();
    suite.fake.refuseNext.push(TWILIO_UNSUBSCRIBED);
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    expect((await viaProxy(path, sms(`SM${'9'.repeat(31)}1`, subscriber, 'START'), `https://optout.example.com${path}`)).status).toBe(200);
    const reply = await waitForReplyStatus(suite.system, suite.account, 'dead', { to: subscriber, timeoutMs: 20_000 });
    expect(reply.attempts[0].carrierError).toEqual({ code: '21610', message: 'Attempt to send to unsubscribed recipient', moreInfo: 'https://www.twilio.com/docs/errors/21610' });
    await waitFor('the carrier opt-out', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    const events = (await history(subscriber)).history;
    expect(events.map((event: any) => [event.kind, event.source])).toEqual([
      ['optIn', 'sms'],
      ['optOut', 'carrier'],
    ]);
    expect(events[1].reason).toBe('Twilio error 21610: Attempt to send to unsubscribed recipient (https://www.twilio.com/docs/errors/21610)');
  });

  it('looks a send up after a Twilio 5xx and does not send it again when Twilio had created it', async () => {
    const subscriber = nextPhone();
    suite.fake.failAfterCreatingNext.push(500);
    const listsBefore = suite.fake.listRequests;
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    expect((await viaProxy(path, sms(`SM${'8'.repeat(31)}1`, subscriber, 'STOP'), `https://optout.example.com${path}`)).status).toBe(200);
    const reply = await waitForReplyStatus(suite.system, suite.account, 'succeeded', { to: subscriber, timeoutMs: 30_000 });
    expect(reply.attempts.map((attempt: any) => attempt.responseCode)).toEqual([500, null]);
    expect(reply.attempts[1].error).toContain('found at Twilio');
    expect(suite.fake.listRequests).toBeGreaterThan(listsBefore);
    expect(suite.fake.messages.filter((message) => message.to === subscriber)).toHaveLength(1);
  });

  it('sends through the Messaging Service, from the number the subscriber texted', async () => {
    const subscriber = nextPhone();
    const path = `/v1/carriers/twilio/${suite.account.id}`;
    expect((await viaProxy(path, sms(`SM${'7'.repeat(31)}1`, subscriber, 'STOP'), `https://optout.example.com${path}`)).status).toBe(200);
    const sent = await waitFor('the confirmation at Twilio', () => suite.fake.messages.find((message) => message.to === subscriber), { timeoutMs: 20_000 });
    expect(sent).toMatchObject({ from: business, messagingServiceSid: serviceSid });
  });
});
