import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { keyPrefixOf } from '@optout/config';
import { QueueName } from '@optout/contracts';
import { ConsentApplier, ConsentFollowUps, decisionOfText, LOOP_GUARD_WINDOW_MS, loopGuardKey, ReplyLoopGuard } from '@optout/consent';
import { jobIds, JobProducer, PRODUCER_REDIS } from '@optout/queue';
import { BlocklistModule } from '../../apps/blocklist/src/blocklist.module';
import { TestAppContext } from '../support/app-context';
import { classifiedMessage } from '../support/classified-message';
import { waitFor } from '../support/wait-for';

/**
 * The loop guard on the real Redis: one confirmation of a kind per subscriber per window,
 * keyed off the ledger event so that a retried job still sends the reply it claimed.
 */
describe('the reply loop guard', () => {
  let system: TestAppContext;
  let redis: IORedis;
  let accountId: string;

  beforeAll(async () => {
    system = await TestAppContext.start([BlocklistModule]);
    redis = system.get<IORedis>(PRODUCER_REDIS as never);
    accountId = await system.createAccount();
  });

  afterAll(() => system?.stop());

  const event = (phone: string, kind: 'optOut' | 'optIn' | 'help' = 'optOut') => ({ id: randomUUID(), accountId, phone, kind });

  it('lets one event per (subscriber, kind) through per window, and the same event again', async () => {
    const guard = new ReplyLoopGuard(redis, keyPrefixOf(system.config), 300);
    const first = event('+12025550301');
    expect(await guard.claim(first)).toBe(true);
    expect(await guard.claim(first)).toBe(true); // the same event, retried
    expect(await guard.claim(event('+12025550301'))).toBe(false); // another STOP within the window
    expect(await guard.claim(event('+12025550301', 'help'))).toBe(true); // another kind
    expect(await guard.claim(event('+12025550302'))).toBe(true); // another subscriber
    const ttl = await redis.pttl(loopGuardKey(keyPrefixOf(system.config), accountId, '+12025550301', 'optOut'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('lets the next one through once the window has passed', async () => {
    const guard = new ReplyLoopGuard(redis, keyPrefixOf(system.config), 100);
    expect(await guard.claim(event('+12025550303'))).toBe(true);
    expect(await guard.claim(event('+12025550303'))).toBe(false);
    const key = loopGuardKey(keyPrefixOf(system.config), accountId, '+12025550303', 'optOut');
    await waitFor('the window to pass', async () => ((await redis.exists(key)) === 0 ? true : undefined), { timeoutMs: 2_000 });
    expect(await guard.claim(event('+12025550303'))).toBe(true);
  });

  it('uses a 10-minute window in the worker', () => {
    expect(LOOP_GUARD_WINDOW_MS).toBe(600_000);
  });

  it('still queues the reply when the job is retried after a crash that followed the claim', async () => {
    const message = classifiedMessage({
      accountId,
      messageId: 'crash-after-claim',
      from: '+12025550304',
      scope: {},
      replySegments: { encoding: 'GSM-7', segments: 1, units: 21 },
      receivedAt: '2026-11-26T09:00:00.000Z',
    });
    const producer = system.get(JobProducer);
    const followUps = system.get(ConsentFollowUps);
    // The first attempt claims the slot and dies before queueing anything.
    const enqueue = jest.spyOn(producer, 'enqueue').mockRejectedValueOnce(new Error('process killed here'));
    await expect(system.get(ConsentApplier).applyDecision(decisionOfText(message))).rejects.toThrow('process killed here');
    enqueue.mockRestore();
    const [{ id: eventId }] = await system.sql<{ id: string }>('SELECT id FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [accountId, message.messageId]);
    expect(await redis.get(loopGuardKey(keyPrefixOf(system.config), accountId, message.from, 'optOut'))).toBe(eventId);

    const publish = jest.spyOn(followUps, 'publish');
    await expect(system.get(ConsentApplier).applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'applied' });
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
    expect((await producer.queue(QueueName.Replies).getJob(jobIds.reply(eventId)))?.data).toMatchObject({ eventId, to: message.from, kind: 'optOut' });
    const webhook = await producer.queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(eventId));
    expect(webhook?.data.data).toMatchObject({ replyStatus: 'queued', replySegments: { encoding: 'GSM-7', segments: 1, units: 21 } });
  });

  it('prices the reply of a consent job queued before the classifier sent segments', async () => {
    const message = classifiedMessage({
      accountId,
      messageId: 'old-job',
      from: '+12025550305',
      kind: 'help',
      keyword: 'HELP',
      reply: 'Call us — we’re here.',
      receivedAt: '2026-11-26T09:00:00.000Z',
    });
    await expect(system.get(ConsentApplier).applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'help' });
    const [{ id: eventId }] = await system.sql<{ id: string }>('SELECT id FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [accountId, message.messageId]);
    const webhook = await system.get(JobProducer).queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(eventId));
    expect(webhook?.data.data).toMatchObject({ replyStatus: 'queued', replySegments: { encoding: 'UCS-2', segments: 1, units: 21 } });
  });
});
