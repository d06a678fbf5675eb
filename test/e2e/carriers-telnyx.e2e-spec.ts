import { generateKeyPairSync, sign } from 'node:crypto';
import Telnyx from 'telnyx';
import { FakeTelnyx, TELNYX_BLOCKED_BY_STOP } from '../support/fake-telnyx';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { repliesOf, waitForReplyStatus } from '../support/webhook-helpers';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';

jest.setTimeout(60_000);

/**
 * Telnyx in and out, against a local stand-in answering as Telnyx's v2 API does: its
 * signed webhook (Ed25519) ingested like /v1/inbound, confirmations through its Messages API,
 * and what Telnyx already knows (autoresponse_type, error 40300) recorded as the carrier's.
 * The official `telnyx` SDK is the reference for the send request's shape.
 */
describe('Telnyx', () => {
  const apiKey = 'KEY0123456789ABCDEF_test';
  const profileId = '40017f5e-0a1b-4c2d-8e3f-5a6b7c8d9e0f';
  const business = '+12025550100';
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const portalPublicKey = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64');
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await RunningSystem.start({ WEBHOOK_TIMEOUT_MS: '1500' }));
    const telnyx = stopLater(await new FakeTelnyx(apiKey).start());
    const account = await system.createAccount('Telnyx user');
    const put = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, {
      token: account.apiKey,
      json: { type: 'telnyx', apiKey, publicKey: portalPublicKey, messagingProfileId: profileId, baseUrl: telnyx.baseUrl },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ type: 'telnyx', messagingProfileId: profileId, publicKey: portalPublicKey, baseUrl: telnyx.baseUrl, apiKeySet: true, updatedAt: expect.any(String) });
    expect(JSON.stringify(put.body)).not.toContain(apiKey);
    return { system, telnyx, account };
  });

  let phoneSeq = 0;
  const nextPhone = () => `+1202555${String(6000 + phoneSeq++)}`;

  /** A webhook as Telnyx posts it: the raw JSON, signed over `timestamp|body`. */
  const post = (event: unknown, options: { signature?: string | null; timestamp?: number; key?: typeof privateKey; accountId?: string } = {}) => {
    const body = JSON.stringify(event);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = options.signature === undefined ? sign(null, Buffer.from(`${timestamp}|${body}`), options.key ?? privateKey).toString('base64') : options.signature;
    return fetch(`${suite.system.baseUrl}/v1/carriers/telnyx/${options.accountId ?? suite.account.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'telnyx-timestamp': timestamp, ...(signature === null ? {} : { 'telnyx-signature-ed25519': signature }) },
      body,
    });
  };
  /** Telnyx's `message.received`, as its documentation shows it. */
  const received = (id: string, from: string, text: string, extra: Record<string, unknown> = {}) => ({
    data: {
      event_type: 'message.received',
      id: `evt-${id}`,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        id,
        record_type: 'message',
        direction: 'inbound',
        type: 'SMS',
        text,
        from: { phone_number: from, carrier: 'T-Mobile USA', line_type: 'Wireless' },
        to: [{ phone_number: business, status: 'webhook_delivered', carrier: 'Telnyx', line_type: 'Wireless' }],
        received_at: new Date().toISOString(),
        messaging_profile_id: profileId,
        errors: [],
        ...extra,
      },
    },
    meta: { attempt: 1, delivered_to: 'https://optout.example.com/v1/carriers/telnyx' },
  });
  const history = async (phone: string) => (await suite.system.request('GET', `/v1/accounts/${suite.account.id}/consent/${encodeURIComponent(phone)}`, { token: suite.account.apiKey })).body;
  const repliesTo = (phone: string) => repliesOf(suite.system, suite.account, phone);

  it('takes a signed STOP, blocks the number, and confirms through POST /v2/messages as the SDK would send it', async () => {
    const subscriber = nextPhone();
    const response = await post(received('b0a1c2d3-0000-4000-8000-000000000001', subscriber, 'STOP'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'accepted', eventType: 'message.received' });
    await waitFor('the number to be blocked', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    const sent = await waitFor('the confirmation at Telnyx', () => suite.telnyx.messages.find((message) => message.to === subscriber), { timeoutMs: 20_000 });
    expect(sent).toMatchObject({ from: business, messagingProfileId: profileId });
    const ours = suite.telnyx.requests.find((request) => request.method === 'POST' && (request.body as { to?: string }).to === subscriber)!;
    expect(ours.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(ours.headers['content-type']).toContain('application/json');

    // The official SDK, pointed at the same stand-in, sends the same shape.
    const sdk = new Telnyx({ apiKey, baseURL: `${suite.telnyx.baseUrl}/v2`, maxRetries: 0 });
    const viaSdk = await sdk.messages.send({ from: business, to: '+12025550999', text: sent.text, messaging_profile_id: profileId });
    expect(viaSdk.data?.id).toEqual(expect.any(String));
    const sdkRequest = suite.telnyx.requests.filter((request) => request.method === 'POST').at(-1)!;
    expect(sdkRequest.path).toBe('/v2/messages');
    expect(Object.keys(ours.body as object).sort()).toEqual(Object.keys(sdkRequest.body as object).sort());
    expect(sdkRequest.headers.authorization).toBe(ours.headers.authorization);

    await waitFor('the reply recorded with its Telnyx id', async () => ((await repliesTo(subscriber))[0]?.providerMessageId === sent.id ? true : undefined), { timeoutMs: 10_000 });
  });

  it('refuses a missing, forged or stale signature with 403 and queues nothing', async () => {
    const subscriber = nextPhone();
    const event = received('b0a1c2d3-0000-4000-8000-000000000002', subscriber, 'STOP');
    const unsigned = await post(event, { signature: null });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await post(event, { key: generateKeyPairSync('ed25519').privateKey })).status).toBe(403);
    expect((await post(event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(403);
    expect((await post(event, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect((await post(event, { accountId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    await suite.system.waitUntilQueuesDrain(20_000);
    expect((await gateAnswer(suite.system, suite.account, subscriber)).status).toBe('unknown');
  });

  it('acknowledges events it has no use for, and names the field of a malformed message', async () => {
    const ignored = await post({ data: { event_type: 'message.sent', id: 'e', payload: { id: 'm', errors: [], to: [{ phone_number: '+12025550111' }] } }, meta: {} });
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ status: 'ignored', eventType: 'message.sent' });
    expect((await post({ data: { event_type: 'call.initiated', id: 'e', payload: {} } })).status).toBe(200);

    const broken = received('b0a1c2d3-0000-4000-8000-000000000003', 'not a number', 'STOP');
    const response = await post(broken);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { details: Array<{ field: string }> } }).error.details[0].field).toBe('data.payload.from.phone_number');

    // The ingestion rules of /v1/inbound hold here too: a received_at far ahead of our clock is refused.
    const ahead = received('b0a1c2d3-0000-4000-8000-000000000010', nextPhone(), 'STOP', { received_at: new Date(Date.now() + 3_600_000).toISOString() });
    const future = await post(ahead);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: { details: Array<{ field: string; rule: string }> } }).error.details[0]).toMatchObject({ field: 'data.payload.received_at', rule: 'not_in_future' });
  });

  it('applies a Telnyx message delivered twice once', async () => {
    const subscriber = nextPhone();
    const event = received('b0a1c2d3-0000-4000-8000-000000000004', subscriber, 'STOP');
    expect((await post(event)).status).toBe(200);
    expect((await post(event)).status).toBe(200);
    await suite.system.waitUntilQueuesDrain(20_000);
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND phone = $2', [suite.account.id, subscriber])).toHaveLength(1);
  });

  it("honours Telnyx's autoresponse_type when no keyword matches, as the carrier's, with no text of ours", async () => {
    const subscriber = nextPhone();
    const response = await post(received('b0a1c2d3-0000-4000-8000-000000000005', subscriber, 'please take me off this', { autoresponse_type: 'STOP' }));
    expect(response.status).toBe(200);
    await waitFor('the number to be blocked', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    const record = await history(subscriber);
    expect(record.history).toEqual([expect.objectContaining({ kind: 'optOut', source: 'carrier', keyword: 'STOP', reason: expect.stringContaining('autoresponse_type') })]);
    await suite.system.waitUntilQueuesDrain(20_000);
    expect(suite.telnyx.messages.filter((message) => message.to === subscriber)).toEqual([]);
    expect(await repliesTo(subscriber)).toEqual([]);
  });

  it('records an opt-out from message.finalized carrying error 40300', async () => {
    const subscriber = nextPhone();
    const finalized = {
      data: {
        event_type: 'message.finalized',
        id: 'evt-40300',
        occurred_at: new Date().toISOString(),
        payload: {
          id: 'c0ffee00-0000-4000-8000-000000040300',
          direction: 'outbound',
          from: { phone_number: business },
          to: [{ phone_number: subscriber, status: 'delivery_failed' }],
          errors: [{ code: '40300', title: 'Blocked due to STOP message', detail: `Messages cannot be sent from '${business}' to '${subscriber}' due to an existing block rule.` }],
        },
      },
      meta: { attempt: 1 },
    };
    const response = await post(finalized);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'accepted', eventType: 'message.finalized' });
    await waitFor('the number to be blocked', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    expect((await history(subscriber)).history).toEqual([expect.objectContaining({ kind: 'optOut', source: 'carrier', keyword: '40300', carrierCode: '40300', reason: expect.stringContaining('Blocked due to STOP message') })]);
  });

  it('keeps the error of a send Telnyx refuses with 40300, and records the opt-out it means', async () => {
    const subscriber = nextPhone();
    // The subscriber texts START; Telnyx still holds a block rule for them and refuses the welcome.
    suite.telnyx.refuseNext.push(TELNYX_BLOCKED_BY_STOP(business, subscriber));
    expect((await post(received('b0a1c2d3-0000-4000-8000-000000000007', subscriber, 'START'))).status).toBe(200);
    const reply = await waitForReplyStatus(suite.system, suite.account, 'dead', { to: subscriber, timeoutMs: 20_000 });
    expect(reply.lastStatusCode).toBe(409);
    expect(reply.attempts[0].carrierError).toEqual({ code: '40300', message: expect.stringContaining('Blocked due to STOP message'), moreInfo: null });
    expect(reply.attempts[0].error).toContain('40300');
    await waitFor('the carrier opt-out', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
    const record = await history(subscriber);
    expect(record.history.map((event: any) => [event.kind, event.source])).toEqual([
      ['optIn', 'sms'],
      ['optOut', 'carrier'],
    ]);
  });

  it('retries a 429 and a 5xx, then sends once', async () => {
    const subscriber = nextPhone();
    suite.telnyx.failNext.push({ status: 429, headers: { 'retry-after': '1' } }, { status: 503 });
    expect((await post(received('b0a1c2d3-0000-4000-8000-000000000008', subscriber, 'STOP'))).status).toBe(200);
    const reply = await waitForReplyStatus(suite.system, suite.account, 'succeeded', { to: subscriber, timeoutMs: 30_000 });
    expect(reply.attempts.map((attempt: any) => attempt.responseCode)).toEqual([429, 503, 200]);
    expect(suite.telnyx.messages.filter((message) => message.to === subscriber)).toHaveLength(1);
  });

  it('does not send again a text whose answer was lost, since Telnyx cannot be asked without its id', async () => {
    const subscriber = nextPhone();
    suite.telnyx.holdNext.push('after_recording');
    expect((await post(received('b0a1c2d3-0000-4000-8000-000000000009', subscriber, 'STOP'))).status).toBe(200);
    const reply = await waitForReplyStatus(suite.system, suite.account, 'dead', { to: subscriber, timeoutMs: 30_000 });
    expect(reply.lastError).toContain('not sent again');
    expect(suite.telnyx.messages.filter((message) => message.to === subscriber)).toHaveLength(1);
  });

  it('refuses a public key that is not one, and a base URL the egress policy refuses', async () => {
    const other = await suite.system.createAccount('Telnyx typo');
    const badKey = await suite.system.request('PUT', `/v1/accounts/${other.id}/reply-transport`, { token: other.apiKey, json: { type: 'telnyx', apiKey, publicKey: 'not-a-key' } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.details[0].field).toBe('publicKey');
    const badUrl = await suite.system.request('PUT', `/v1/accounts/${other.id}/reply-transport`, {
      token: other.apiKey,
      json: { type: 'telnyx', apiKey, publicKey: portalPublicKey, baseUrl: 'ftp://api.telnyx.example' },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details[0].field).toBe('baseUrl');
    const mixed = await suite.system.request('PUT', `/v1/accounts/${other.id}/reply-transport`, { token: other.apiKey, json: { type: 'telnyx', apiKey, publicKey: portalPublicKey, authToken: 'x'.repeat(32) } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details[0].field).toBe('authToken');
  });
});
