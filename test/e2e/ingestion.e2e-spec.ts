import { QueueName } from '@optout/contracts';
import { JobProducer } from '@optout/queue';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

describe('ingestion', () => {
  const suite = suiteFixture((stopLater) =>
    startWiredAccount(stopLater, undefined, { overrides: { INBOUND_BATCH_WINDOW_MS: '20', INBOUND_MAX_BACKLOG_JOBS: '5' }, webhook: false }),
  );

  const message = (messageId: string, from: string, body: string, extra: Record<string, unknown> = {}) => ({
    accountId: suite.account.id,
    messageId,
    from,
    to: '+12025550100',
    body,
    ...extra,
  });
  const inboundQueue = () => suite.system.app.get(JobProducer).queue(QueueName.Inbound);

  it('queues the valid messages of a batch and lists each invalid one with its index and reason', async () => {
    const response = await suite.system.request('POST', '/v1/inbound/batch', {
      token: suite.account.apiKey,
      json: {
        messages: [
          message('b-1', '+12025550301', 'STOP'),
          message('b-2', 'not a number', 'STOP'),
          { ...message('b-3', '+12025550303', 'hi'), body: undefined },
          message('b-4', '+12025550304', 'hello'),
          message('b-5', '+12025550305', 'x', { accountId: '00000000-0000-4000-8000-000000000000' }),
          'not an object',
          message('b-7', '+12025550307', '', { receivedAt: '2026-11-26T08:00:00Z' }),
        ],
      },
    });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(3);
    expect(response.body.rejected).toEqual([
      { index: 1, error: expect.objectContaining({ code: 'validation_failed', details: [expect.objectContaining({ field: 'from', rule: 'phone_number' })] }) },
      { index: 2, error: expect.objectContaining({ code: 'validation_failed', details: [expect.objectContaining({ field: 'body' })] }) },
      { index: 4, error: expect.objectContaining({ code: 'not_found' }) },
      { index: 5, error: expect.objectContaining({ code: 'validation_failed', message: 'each message must be a JSON object' }) },
    ]);
    await waitFor('the batch STOP to block its number', async () => ((await gateAnswer(suite.system, suite.account, '+12025550301')).allowed === false ? true : undefined));
  });

  it('refuses a batch of more than 1000 messages, and an oversized or mistyped request', async () => {
    const tooMany = await suite.system.request('POST', '/v1/inbound/batch', {
      token: suite.account.apiKey,
      json: { messages: Array.from({ length: 1001 }, (_, i) => message(`t-${i}`, '+12025550311', 'hi')) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details).toEqual([expect.objectContaining({ field: 'messages', rule: 'array_max_size' })]);

    const longBody = await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: message('long', '+12025550312', 'x'.repeat(1601)) });
    expect(longBody.status).toBe(400);
    expect(longBody.body.error.details[0]).toMatchObject({ field: 'body', rule: 'max_length' });

    const huge = await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, body: JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) }), contentType: 'application/json' });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');

    const form = await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, body: 'From=%2B1202', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('accepts an empty body (an MMS without text)', async () => {
    expect((await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: message('mms-1', '+12025550313', '') })).status).toBe(202);
  });

  it('carries concurrent single requests in shared jobs, each answered only once queued', async () => {
    const before = await inboundQueue().getJobCounts('completed', 'waiting', 'active', 'prioritized');
    const jobsBefore = Object.values(before).reduce((a, b) => a + b, 0);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: message(`mb-${i}`, `+1202555${4000 + i}`, i % 2 ? 'STOP' : 'hello') })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 202));
    await suite.system.waitUntilQueuesDrain();
    const after = await inboundQueue().getJobCounts('completed', 'waiting', 'active', 'prioritized');
    const jobs = Object.values(after).reduce((a, b) => a + b, 0) - jobsBefore;
    expect(jobs).toBeGreaterThan(0);
    expect(jobs).toBeLessThan(40);
    for (let i = 1; i < 40; i += 2) expect((await gateAnswer(suite.system, suite.account, `+1202555${4000 + i}`)).allowed).toBe(false);
  });

  it('acknowledges the same message delivered again much later, with no second effect', async () => {
    const stop = message('again-1', '+12025550320', 'STOP');
    expect((await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: stop })).status).toBe(202);
    await suite.system.waitUntilQueuesDrain();
    const replies = () => suite.receiver.requests.filter((request) => (request.json as { to: string }).to === '+12025550320').length;
    expect(replies()).toBe(1);
    // Hours later BullMQ no longer remembers the job id: only the ledger can tell.
    await inboundQueue().clean(0, 100_000, 'completed');
    expect((await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: stop })).status).toBe(202);
    await suite.system.waitUntilQueuesDrain();
    expect(replies()).toBe(1);
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [suite.account.id, 'again-1'])).toHaveLength(1);
  });

  it('answers 503 with Retry-After while the inbound backlog is over its bound, and recovers', async () => {
    await inboundQueue().pause();
    try {
      const sent = await suite.system.request('POST', '/v1/inbound/batch', {
        token: suite.account.apiKey,
        json: { messages: [message('bp-0', '+12025550330', 'hi')] },
      });
      expect(sent.status).toBe(202);
      for (let i = 1; i <= 6; i++) {
        await suite.system.request('POST', '/v1/inbound/batch', { token: suite.account.apiKey, json: { messages: [message(`bp-${i}`, '+12025550330', 'hi')] } });
      }
      const refused = await waitFor('the gateway to refuse', async () => {
        const response = await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: message('bp-x', '+12025550331', 'STOP') });
        return response.status === 503 ? response : undefined;
      });
      expect(refused.body.error.code).toBe('backlog_full');
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      await inboundQueue().resume();
    }
    await suite.system.waitUntilQueuesDrain();
    await waitFor('the gateway to accept again', async () => {
      const response = await suite.system.request('POST', '/v1/inbound', { token: suite.account.apiKey, json: message('bp-y', '+12025550331', 'STOP') });
      return response.status === 202 ? true : undefined;
    });
  });
});
