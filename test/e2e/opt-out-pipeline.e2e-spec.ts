import { Webhook } from 'standardwebhooks';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

/**
 * The foundation's promise, end to end on the real Redis and Postgres: a subscriber's STOP
 * posted by a carrier ends as a blocked number, a confirmation text and a signed webhook.
 */
describe('the opt-out pipeline', () => {
  const suite = suiteFixture(async (stopLater) => {
    const wired = await startWiredAccount(stopLater, 'Bloom Florist');
    expect(wired.webhookSecret).toMatch(/^whsec_/);
    return { ...wired, webhookSecret: wired.webhookSecret! };
  });
  const subscriber = '+12025550199';
  const sender = '+12025550100';

  const inbound = (messageId: string, body: string, receivedAt?: string) =>
    suite.system.request('POST', '/v1/inbound', {
      token: suite.account.apiKey,
      json: { accountId: suite.account.id, messageId, from: subscriber, to: sender, body, ...(receivedAt ? { receivedAt } : {}) },
    });

  const replies = () => suite.receiver.on('/sms').map((request) => request.json as { body: string; kind: string; to: string; from: string });
  const webhooks = () => suite.receiver.on('/crm');

  it('blocks the number, confirms by text and notifies the business with a signed webhook', async () => {
    const accepted = await inbound('msg-stop-1', 'STOP', '2026-11-26T10:00:00.000Z');
    expect(accepted.status).toBe(202);
    expect(accepted.body.id).toEqual(expect.any(String));

    const started = Date.now();
    const blocked = await waitFor('the gate to say allowed: false', async () => {
      const answer = await gateAnswer(suite.system, suite.account, subscriber);
      return answer.allowed === false ? answer : undefined;
    }, { timeoutMs: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(blocked).toMatchObject({ phone: subscriber, allowed: false, status: 'opted_out', keyword: 'STOP', since: '2026-11-26T10:00:00.000Z' });

    await waitFor('the opt-out confirmation', () => (replies().length === 1 ? true : undefined), { timeoutMs: 2_000 });
    expect(replies()[0]).toMatchObject({ to: subscriber, from: sender, kind: 'optOut', body: expect.stringMatching(/unsubscribed/i) });

    await waitFor('the consent.opted_out webhook', () => (webhooks().length === 1 ? true : undefined), { timeoutMs: 2_000 });
    const [delivery] = webhooks();
    const verified = new Webhook(suite.webhookSecret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe('consent.opted_out');
    expect(verified.data).toMatchObject({
      accountId: suite.account.id,
      phone: subscriber,
      sender,
      keyword: 'STOP',
      messageId: 'msg-stop-1',
      receivedAt: '2026-11-26T10:00:00.000Z',
      optOutType: 'STOP',
      eventId: expect.any(String),
    });
  });

  it('lets the subscriber back in on "start", with a welcome reply', async () => {
    expect((await inbound('msg-start-1', 'start', '2026-11-26T10:05:00.000Z')).status).toBe(202);
    await waitFor('the gate to say allowed: true', async () => ((await gateAnswer(suite.system, suite.account, subscriber)).allowed === true ? true : undefined), { timeoutMs: 2_000 });
    await waitFor('the welcome reply', () => (replies().length === 2 ? true : undefined), { timeoutMs: 2_000 });
    expect(replies()[1]).toMatchObject({ kind: 'optIn', to: subscriber });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in', keyword: 'START' });
    await waitFor('the consent.opted_in webhook', () => (webhooks().length === 2 ? true : undefined));
    expect((webhooks()[1].json as { type: string }).type).toBe('consent.opted_in');
  });

  it('answers HELP with a help reply and leaves the state alone', async () => {
    expect((await inbound('msg-help-1', 'HELP', '2026-11-26T10:06:00.000Z')).status).toBe(202);
    await waitFor('the help reply', () => (replies().length === 3 ? true : undefined), { timeoutMs: 2_000 });
    expect(replies()[2]).toMatchObject({ kind: 'help', to: subscriber });
    await waitFor('the help.requested webhook', () => (webhooks().length === 3 ? true : undefined));
    expect((webhooks()[2].json as { type: string }).type).toBe('help.requested');
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in' });
  });

  it('does nothing the second time the same message arrives', async () => {
    const repliesBefore = replies().length;
    const webhooksBefore = webhooks().length;
    expect((await inbound('msg-stop-1', 'STOP', '2026-11-26T10:00:00.000Z')).status).toBe(202);
    await suite.system.waitUntilQueuesDrain();
    expect(replies()).toHaveLength(repliesBefore);
    expect(webhooks()).toHaveLength(webhooksBefore);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in' });
  });

  it('keeps opted_in when a STOP received before the last START arrives late', async () => {
    const repliesBefore = replies().length;
    expect((await inbound('msg-stop-late', 'STOP', '2026-11-26T10:01:00.000Z')).status).toBe(202);
    await suite.system.waitUntilQueuesDrain();
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in', keyword: 'START' });
    // The late STOP is on record, but confirming an opt-out the subscriber has since reversed would mislead them.
    expect(replies()).toHaveLength(repliesBefore);
  });

  it('records every match in the ledger once, with the kind and keyword that matched', async () => {
    const rows = await suite.system.sql<{ source_message_id: string; kind: string; keyword: string; follow_ups_done_at: Date | null }>(
      'SELECT source_message_id, kind, keyword, follow_ups_done_at FROM consent_events WHERE account_id = $1 ORDER BY received_at',
      [suite.account.id],
    );
    expect(rows.map((row) => [row.source_message_id, row.kind, row.keyword])).toEqual([
      ['msg-stop-1', 'optOut', 'STOP'],
      ['msg-stop-late', 'optOut', 'STOP'],
      ['msg-start-1', 'optIn', 'START'],
      ['msg-help-1', 'help', 'HELP'],
    ]);
    expect(rows.filter((row) => row.follow_ups_done_at !== null).map((row) => row.source_message_id)).toEqual(['msg-stop-1', 'msg-start-1', 'msg-help-1']);
  });
});
