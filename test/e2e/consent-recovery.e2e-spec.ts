import { ClassifiedMessage, QueueName } from '@optout/contracts';
import { ConsentStateRepository } from '@optout/database';
import { GateCache } from '@optout/gate';
import { ConsentApplier, ConsentFollowUps, decisionOfText } from '@optout/consent';
import { jobIds, JobProducer } from '@optout/queue';
import { BlocklistModule } from '../../apps/blocklist/src/blocklist.module';
import { TestAppContext } from '../support/app-context';
import { classifiedMessage } from '../support/classified-message';
import { suiteFixture } from '../support/suite-fixture';

/**
 * The blocklist worker's crash window: after Postgres has committed the opt-out, before the
 * reply and webhook are queued. A retry must still perform them, and only once.
 */
describe('consent applier recovery', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await TestAppContext.start([BlocklistModule]));
    return { system, applier: system.get(ConsentApplier), followUps: system.get(ConsentFollowUps), producer: system.get(JobProducer), accountId: await system.createAccount() };
  });

  const stop = (messageId: string, receivedAt: string) => classifiedMessage({ accountId: suite.accountId, messageId, from: '+12025550111', receivedAt });

  it('performs the follow-ups on the retry after a crash between commit and follow-ups', async () => {
    const message = stop('crash-1', '2026-11-26T09:00:00.000Z');
    const publish = jest.spyOn(suite.followUps, 'publish').mockRejectedValueOnce(new Error('process killed here'));

    await expect(suite.applier.applyDecision(decisionOfText(message))).rejects.toThrow('process killed here');
    // Committed: the block list has it and the gate cache already says so.
    expect(await suite.system.get(ConsentStateRepository).find(suite.accountId, message.from)).toMatchObject({ status: 'opted_out' });
    expect(await suite.system.get(GateCache).get(suite.accountId, message.from)).toMatchObject({ status: 'opted_out' });
    const [{ id: eventId, follow_ups_done_at }] = await ledgerRows('crash-1');
    expect(follow_ups_done_at).toBeNull();
    expect(await suite.producer.queue(QueueName.Replies).getJob(jobIds.reply(eventId))).toBeUndefined();

    await expect(suite.applier.applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'applied' });
    expect(publish).toHaveBeenCalledTimes(2);
    const reply = await suite.producer.queue(QueueName.Replies).getJob(jobIds.reply(eventId));
    expect(reply?.data).toMatchObject({ eventId, to: message.from, kind: 'optOut' });
    expect(await suite.producer.queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(eventId))).toBeDefined();
    expect((await ledgerRows('crash-1'))[0].follow_ups_done_at).not.toBeNull();
    publish.mockRestore();
  });

  it('treats the same message id, delivered again later, as a duplicate with no follow-ups', async () => {
    const message = stop('dup-1', '2026-11-26T09:10:00.000Z');
    await expect(suite.applier.applyDecision(decisionOfText(message))).resolves.toMatchObject({ outcome: 'applied' });
    const publish = jest.spyOn(suite.followUps, 'publish');
    await expect(suite.applier.applyDecision(decisionOfText({ ...message, receivedAt: '2026-11-26T11:00:00.000Z' }))).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(publish).not.toHaveBeenCalled();
    expect(await ledgerRows('dup-1')).toHaveLength(1);
    publish.mockRestore();
  });

  it('applies two messages of one subscriber by receivedAt, whatever order they are processed in', async () => {
    const phone = '+12025550122';
    const optIn: ClassifiedMessage = { ...stop('order-start', '2026-11-26T09:30:00.000Z'), from: phone, kind: 'optIn', keyword: 'START' };
    const optOut: ClassifiedMessage = { ...stop('order-stop', '2026-11-26T09:20:00.000Z'), from: phone };
    await Promise.all([suite.applier.applyDecision(decisionOfText(optIn)), suite.applier.applyDecision(decisionOfText(optOut))]);
    expect(await suite.system.get(ConsentStateRepository).find(suite.accountId, phone)).toMatchObject({ status: 'opted_in', sourceMessageId: 'order-start' });
    expect(await suite.system.get(GateCache).get(suite.accountId, phone)).toMatchObject({ status: 'opted_in' });
  });

  async function ledgerRows(messageId: string): Promise<Array<{ id: string; follow_ups_done_at: Date | null }>> {
    return suite.system.sql('SELECT id, follow_ups_done_at FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [suite.accountId, messageId]);
  }
});
