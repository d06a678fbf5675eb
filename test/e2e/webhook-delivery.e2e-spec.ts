import { freePort } from '../support/app-processes';
import { RunningSystem } from '../support/running-system';
import { ScriptedEndpoint } from '../support/scripted-endpoint';
import { waitFor } from '../support/wait-for';
import { createWebhook, deliveriesOf, text, verifyAsCustomer, waitForDeliveryStatus } from '../support/webhook-helpers';

// Each case waits on real retries and timeouts; the default 5 s per test is too tight on a shared machine.
jest.setTimeout(30_000);

/**
 * Webhook delivery as a business relies on it, on the real Redis and Postgres: Standard
 * Webhooks signatures checked with the `standardwebhooks` package, the retry rules per
 * answer, every attempt recorded and listed, dead letters and replays with the same id.
 * Retries run on a 100/200/400 ms schedule (4 attempts) and requests time out after 500 ms.
 */
describe('webhook delivery', () => {
  let system: RunningSystem;
  const endpoints: ScriptedEndpoint[] = [];
  let phoneSeq = 0;
  const nextPhone = () => `+1202555${String(1000 + (phoneSeq++ % 9000)).padStart(4, '0')}`;

  beforeAll(async () => {
    system = await RunningSystem.start({ WEBHOOK_TIMEOUT_MS: '500' });
  });

  afterAll(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.stop()));
    await system?.stop();
  });

  const endpoint = async () => {
    const created = await new ScriptedEndpoint().start();
    endpoints.push(created);
    return created;
  };

  /** A new account whose one webhook, at `/hook` of an endpoint answering as `respond` says, is sent a subscriber's STOP. */
  const stopToWebhookAnswering = async (name: string, respond: ScriptedEndpoint['respond']) => {
    const account = await system.createAccount(name);
    const crm = await endpoint();
    crm.respond = respond;
    const webhook = await createWebhook(system, account, crm.url('/hook'));
    await text(system, account, nextPhone(), 'STOP');
    return { account, crm, webhook };
  };

  it('delivers each event to every endpoint subscribed to it, signed so that standardwebhooks verifies it', async () => {
    const account = await system.createAccount('Filters');
    const crm = await endpoint();
    const all = await createWebhook(system, account, crm.url('/all'));
    const optInsOnly = await createWebhook(system, account, crm.url('/opt-ins'), ['consent.opted_in']);
    const subscriber = nextPhone();

    await text(system, account, subscriber, 'STOP');
    await waitFor('the opt-out at /all', () => (crm.on('/all').length === 1 ? true : undefined), { timeoutMs: 5_000 });
    const optOut = verifyAsCustomer(all.secret, crm.on('/all')[0]);
    expect(optOut).toMatchObject({ type: 'consent.opted_out', data: { phone: subscriber, accountId: account.id, optOutType: 'STOP', keyword: 'STOP' } });
    expect(() => verifyAsCustomer(optInsOnly.secret, crm.on('/all')[0])).toThrow();

    await text(system, account, subscriber, 'START');
    await waitFor('the opt-in at both endpoints', () => (crm.on('/all').length === 2 && crm.on('/opt-ins').length === 1 ? true : undefined), { timeoutMs: 5_000 });
    await system.waitUntilQueuesDrain();
    expect(crm.on('/opt-ins')).toHaveLength(1);
    expect(verifyAsCustomer(optInsOnly.secret, crm.on('/opt-ins')[0]).type).toBe('consent.opted_in');
    // One event, two endpoints: a delivery (and so a webhook-id) of its own for each.
    expect(crm.on('/opt-ins')[0].headers['webhook-id']).not.toBe(crm.on('/all')[1].headers['webhook-id']);

    const listed = await system.request('GET', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey });
    expect(listed.body.items.map((item: any) => ({ url: item.url, events: item.events, enabled: item.enabled }))).toEqual([
      { url: crm.url('/all'), events: ['consent.opted_out', 'consent.opted_in', 'help.requested', 'consent.review_requested'], enabled: true },
      { url: crm.url('/opt-ins'), events: ['consent.opted_in'], enabled: true },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  it('retries 5xx, 408 and timeouts with the same webhook-id, and records every attempt', async () => {
    const script = [500, 408, 'hang' as const, 204];
    const { account, crm, webhook } = await stopToWebhookAnswering('Flaky CRM', (_request, index) => script[index] ?? 204);
    const delivery = await waitForDeliveryStatus(system, account, webhook.id, 'succeeded');

    expect(crm.requests).toHaveLength(4);
    expect(new Set(crm.requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([delivery.id]));
    for (const request of crm.requests) expect(verifyAsCustomer(webhook.secret, request).type).toBe('consent.opted_out');
    expect(delivery).toMatchObject({ webhookId: delivery.id, attemptCount: 4, replays: 0, lastStatusCode: 204, lastError: null });
    expect(delivery.attempts.map((attempt: any) => [attempt.attempt, attempt.status, attempt.responseCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 408],
      [3, 'failed', null],
      [4, 'succeeded', 204],
    ]);
    expect(delivery.attempts[0].error).toBe('HTTP 500');
    expect(delivery.attempts[2].error).toBe('timeout: no answer within 500 ms');
    expect(delivery.attempts[2].latencyMs).toBeGreaterThanOrEqual(450);
    for (const attempt of delivery.attempts) {
      expect(Date.parse(attempt.attemptedAt)).not.toBeNaN();
      expect(attempt.latencyMs).toEqual(expect.any(Number));
    }
  });

  it('waits as long as a 429 Retry-After asks, well beyond the schedule', async () => {
    const { account, crm, webhook } = await stopToWebhookAnswering('Rate limited', (_request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '2' } } : 204));
    const delivery = await waitForDeliveryStatus(system, account, webhook.id, 'succeeded');
    const [first, second] = crm.requests;
    // The schedule says ~100 ms; the endpoint asked for 2 s.
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_900);
    expect(delivery.attempts.map((attempt: any) => attempt.responseCode)).toEqual([429, 204]);
  });

  it('retries connection errors until the last attempt, then dead-letters the delivery', async () => {
    const account = await system.createAccount('Nobody home');
    const webhook = await createWebhook(system, account, `http://127.0.0.1:${await freePort()}/hook`);

    await text(system, account, nextPhone(), 'STOP');
    const delivery = await waitForDeliveryStatus(system, account, webhook.id, 'dead');
    expect(delivery.attemptCount).toBe(4);
    expect(delivery.attempts.map((attempt: any) => attempt.status)).toEqual(['failed', 'failed', 'failed', 'dead']);
    expect(delivery.attempts.every((attempt: any) => attempt.responseCode === null && /^connection failed: .*ECONNREFUSED/.test(attempt.error))).toBe(true);
  });

  it('does not retry other 4xx, nor follow a redirect', async () => {
    const account = await system.createAccount('Misconfigured');
    const crm = await endpoint();
    crm.respond = (request) => (request.path === '/bad' ? 400 : request.path === '/moved' ? { status: 307, headers: { location: crm.url('/elsewhere') } } : 204);
    const bad = await createWebhook(system, account, crm.url('/bad'));
    const moved = await createWebhook(system, account, crm.url('/moved'));

    await text(system, account, nextPhone(), 'STOP');
    const badDelivery = await waitForDeliveryStatus(system, account, bad.id, 'dead');
    const movedDelivery = await waitForDeliveryStatus(system, account, moved.id, 'dead');
    await system.waitUntilQueuesDrain();

    expect(crm.on('/bad')).toHaveLength(1);
    expect(badDelivery.attempts).toEqual([expect.objectContaining({ status: 'dead', responseCode: 400, error: 'HTTP 400: not retried (4xx)' })]);
    expect(crm.on('/moved')).toHaveLength(1);
    expect(crm.on('/elsewhere')).toHaveLength(0);
    expect(movedDelivery.attempts).toEqual([expect.objectContaining({ status: 'dead', responseCode: 307, error: 'HTTP 307: redirects are not followed' })]);
  });

  it('disables an endpoint that answers 410, and delivers again once the business re-enables it', async () => {
    let gone = true;
    const { account, crm, webhook } = await stopToWebhookAnswering('Retired endpoint', () => (gone ? 410 : 204));
    const dead = await waitForDeliveryStatus(system, account, webhook.id, 'dead');
    expect(dead.attempts).toEqual([expect.objectContaining({ status: 'dead', responseCode: 410 })]);
    const disabled = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}`, { token: account.apiKey });
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: 'answered 410 Gone', disabledAt: expect.any(String) });

    // Nothing goes to a disabled endpoint, and it cannot be replayed to until re-enabled.
    await text(system, account, nextPhone(), 'STOP');
    await system.waitUntilQueuesDrain();
    expect(crm.requests).toHaveLength(1);
    const refused = await system.request('POST', `/v1/accounts/${account.id}/webhooks/deliveries/${dead.id}/replay`, { token: account.apiKey });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('endpoint_disabled');

    gone = false;
    const enabled = await system.request('PATCH', `/v1/accounts/${account.id}/webhooks/${webhook.id}`, { token: account.apiKey, json: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    await text(system, account, nextPhone(), 'STOP');
    await waitFor('a delivery to the re-enabled endpoint', () => (crm.requests.length === 2 ? true : undefined), { timeoutMs: 5_000 });
    expect(verifyAsCustomer(webhook.secret, crm.requests[1]).type).toBe('consent.opted_out');
  });

  it('replays a dead-lettered delivery, and a past one, with the same webhook-id', async () => {
    let down = true;
    const { account, crm, webhook } = await stopToWebhookAnswering('Replay', () => (down ? 503 : 200));
    const dead = await waitForDeliveryStatus(system, account, webhook.id, 'dead');
    expect(dead.attemptCount).toBe(4);

    down = false;
    const replay = await system.request('POST', `/v1/accounts/${account.id}/webhooks/deliveries/${dead.id}/replay`, { token: account.apiKey });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ id: dead.id, webhookId: dead.id, status: 'pending', round: 1 });
    const replayed = await waitForDeliveryStatus(system, account, webhook.id, 'succeeded');
    expect(crm.requests).toHaveLength(5);
    expect(crm.requests[4].headers['webhook-id']).toBe(dead.id);
    expect(crm.requests[4].body).toBe(crm.requests[0].body);
    expect(verifyAsCustomer(webhook.secret, crm.requests[4]).type).toBe('consent.opted_out');
    expect(replayed).toMatchObject({ attemptCount: 5, replays: 1 });
    expect(replayed.attempts.map((attempt: any) => [attempt.attempt, attempt.round, attempt.status])).toEqual([
      [1, 0, 'failed'],
      [2, 0, 'failed'],
      [3, 0, 'failed'],
      [4, 0, 'dead'],
      [5, 1, 'succeeded'],
    ]);

    // A delivery that succeeded can be sent again too (the receiver lost it, say).
    const again = await system.request('POST', `/v1/accounts/${account.id}/webhooks/deliveries/${dead.id}/replay`, { token: account.apiKey });
    expect(again.body.round).toBe(2);
    await waitFor('the second replay', () => (crm.requests.length === 6 ? true : undefined), { timeoutMs: 5_000 });
    expect(crm.requests[5].headers['webhook-id']).toBe(dead.id);

    const single = await system.request('GET', `/v1/accounts/${account.id}/webhooks/deliveries/${dead.id}`, { token: account.apiKey });
    expect(single.status).toBe(200);
    expect(single.body.payload).toEqual(JSON.parse(crm.requests[0].body));
  });

  it('lists deliveries newest first, a page at a time, filtered by status', async () => {
    const account = await system.createAccount('Many events');
    const crm = await endpoint();
    crm.respond = (request) => (JSON.parse(request.body).type === 'help.requested' ? 400 : 204);
    const webhook = await createWebhook(system, account, crm.url('/hook'));
    const subscriber = nextPhone();
    await text(system, account, subscriber, 'STOP');
    await waitFor('the first delivery', () => (crm.requests.length === 1 ? true : undefined), { timeoutMs: 5_000 });
    await text(system, account, subscriber, 'START');
    await waitFor('the second delivery', () => (crm.requests.length === 2 ? true : undefined), { timeoutMs: 5_000 });
    await text(system, account, subscriber, 'HELP');
    await waitFor('the third delivery', () => (crm.requests.length === 3 ? true : undefined), { timeoutMs: 5_000 });
    await waitFor('all three recorded', async () => ((await deliveriesOf(system, account, webhook.id)).every((item) => item.status !== 'pending') ? true : undefined));

    const first = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}/deliveries?limit=2`, { token: account.apiKey });
    expect(first.body.items.map((item: any) => item.eventType)).toEqual(['help.requested', 'consent.opted_in']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`, {
      token: account.apiKey,
    });
    expect(second.body.items.map((item: any) => item.eventType)).toEqual(['consent.opted_out']);
    expect(second.body.nextCursor).toBeNull();
    expect((await deliveriesOf(system, account, webhook.id, '?status=dead')).map((item) => item.eventType)).toEqual(['help.requested']);

    const badStatus = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}/deliveries?status=lost`, { token: account.apiKey });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details[0]).toMatchObject({ field: 'status' });
    const badCursor = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.id}/deliveries?cursor=abc`, { token: account.apiKey });
    expect(badCursor.status).toBe(400);
  });

  // Last: its delivery waits a minute for its retry, so the queues do not drain after it.
  it('refuses to replay a delivery still being retried, or another account’s', async () => {
    // Asks for a minute: the delivery stays "failed", waiting for its retry.
    const { account, webhook } = await stopToWebhookAnswering('In progress', () => ({ status: 503, headers: { 'retry-after': '60' } }));
    const failed = await waitForDeliveryStatus(system, account, webhook.id, 'failed');

    const busy = await system.request('POST', `/v1/accounts/${account.id}/webhooks/deliveries/${failed.id}/replay`, { token: account.apiKey });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('delivery_in_progress');

    const other = await system.createAccount('Someone else');
    const foreign = await system.request('POST', `/v1/accounts/${other.id}/webhooks/deliveries/${failed.id}/replay`, { token: other.apiKey });
    expect(foreign.status).toBe(404);
    expect((await system.request('GET', `/v1/accounts/${other.id}/webhooks/${webhook.id}/deliveries`, { token: other.apiKey })).status).toBe(404);
    expect((await system.request('POST', `/v1/accounts/${account.id}/webhooks/deliveries/not-a-uuid/replay`, { token: account.apiKey })).status).toBe(404);
  });
});
