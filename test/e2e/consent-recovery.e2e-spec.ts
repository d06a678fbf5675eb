import { ClassifiedMessage, QueueName } from '@optout/contracts';
import { ConsentStateRepository } from '@optout/database';
import { GateCache } from '@optout/gate';
import { ConsentApplier, ConsentFollowUps, decisionOfText } from '@optout/consent';
import { jobIds, JobProducer } from '@optout/queue';
import { BlocklistModule } from '../../apps/blocklist/src/blocklist.module';
import { TestAppContext } from '../support/app-context';
import { classifiedMessage } from '../support/classified-message';

/**
 * The blocklist worker's crash window: after Postgres has committed the opt-out, before the
 * reply and webhook are queued. A retry must still perform them, and only once.
 */
describe('consent applier recovery', () => {
  let system: TestAppContext;
  let applier: ConsentApplier;
  let followUps: ConsentFollowUps;
  let producer: JobProducer;
  let accountId: string;

  beforeAll(async () => {
    system = await TestAppContext.start([BlocklistModule]);
    applier = system.get(ConsentApplier);
    followUps = system.get(ConsentFollowUps);
    producer = system.get(JobProducer);
    accountId = await system.createAccount();
  });

  afterAll(() => system?.stop());

  const stop = (messageId: string, receivedAt: string) => classifiedMessage({ accountId, messageId, from: '+12025550111', receivedAt });

  it('performs the follow-ups on the retry after a crash between commit and follow-ups', async () => {
    const message = stop('crash-1', '2026-11-26T09:00:00.000Z');
    const publish = jest.spyOn(followUps, 'publish').mockRejectedValueOnce(new Error('process killed here'));

    await expect(applier.applyDecision(decisionOfText(message))).rejects.toThrow('process killed here');
    // Committed: the block list has it and the gate cache already says so.
    expect(await system.get(ConsentStateRepository).find(accountId, message.from)).toMatchObject({ status: 'opted_out' });
    expect(await system.get(GateCache).get(accountId, message.from)).toMatchObject({ status: 'opted_out' });
    const [{ id: eventId, follow_ups_done_at }] = await ledgerRows('crash-1');
    expect(follow_ups_done_at).toBeNull();
    expect(await producer.queue(QueueName.Replies).getJob(jobIds.reply(eventId))).toBeUndefined();

    await expect(applier.applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'applied' });
    expect(publish).toHaveBeenCalledTimes(2);
    const reply = await producer.queue(QueueName.Replies).getJob(jobIds.reply(eventId));
    expect(reply?.data).toMatchObject({ eventId, to: message.from, kind: 'optOut' });
    expect(await producer.queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(eventId))).toBeDefined();
    expect((await ledgerRows('crash-1'))[0].follow_ups_done_at).not.toBeNull();
    publish.mockRestore();
  });

  it('treats the same message id, delivered again later, as a duplicate with no follow-ups', async () => {
    const message = stop('dup-1', '2026-11-26T09:10:00.000Z');
    await expect(applier.applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'applied' });
    const publish = jest.spyOn(followUps, 'publish');
    await expect(applier.applyDecision(decisionOfText({ ...message, receivedAt: '2026-11-26T11:00:00.000Z' }))).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(publish).not.toHaveBeenCalled();
    expect(await ledgerRows('dup-1')).toHaveLength(1);
    publish.mockRestore();
  });

  it('applies two messages of one subscriber by receivedAt, whatever order they are processed in', async () => {
    const phone = '+12025550122';
    const optIn: ClassifiedMessage = { ...stop('order-start', '2026-11-26T09:30:00.000Z'), from: phone, kind: 'optIn', keyword: 'START' };
    const optOut: ClassifiedMessage = { ...stop('order-stop', '2026-11-26T09:20:00.000Z'), from: phone };
    await Promise.all([applier.applyDecision(decisionOfText(optIn)), applier.applyDecision(decisionOfText(optOut))]);
    expect(await system.get(ConsentStateRepository).find(accountId, phone)).toMatchObject({ status: 'opted_in', sourceMessageId: 'order-start' });
    expect(await system.get(GateCache).get(accountId, phone)).toMatchObject({ status: 'opted_in' });
  });

  async function ledgerRows(messageId: string): Promise<Array<{ id: string; follow_ups_done_at: Date | null }>> {
    return system.sql('SELECT id, follow_ups_done_at FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [accountId, messageId]);
  }
});
