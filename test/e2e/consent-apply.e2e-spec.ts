import { randomUUID } from 'node:crypto';
import { ConsentApplier, ConsentDecision, ConsentModule } from '@optout/consent';
import { QueueName, UnavailableError } from '@optout/contracts';
import { GateCache } from '@optout/gate';
import { jobIds, JobProducer } from '@optout/queue';
import { TestAppContext } from '../support/app-context';
import { suiteFixture } from '../support/suite-fixture';

/**
 * The one apply path (libs/consent) for sources other than a keyword text — what carrier
 * opt-outs and review decisions call — on the real Postgres and Redis: the ledger records the
 * source and its provenance, the gate blocks, the confirmation goes out only when asked for,
 * and a decision whose later step failed is completed by applying it again.
 */
describe('applying a consent decision', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await TestAppContext.start([ConsentModule]));
    return { system, applier: system.get(ConsentApplier), producer: system.get(JobProducer), accountId: await system.createAccount() };
  });
  let phones = 0;

  const decision = (overrides: Partial<ConsentDecision>): ConsentDecision => ({
    accountId: suite.accountId,
    phone: `+1202555${String(2000 + phones++)}`,
    kind: 'optOut',
    source: 'carrier',
    sourceMessageId: `carrier:${randomUUID()}`,
    receivedAt: new Date('2026-11-26T10:00:00.000Z'),
    correlationId: randomUUID(),
    sender: '+12025550100',
    reply: null,
    ...overrides,
  });

  const ledgerRow = async (sourceMessageId: string) =>
    (
      await suite.system.sql<{ id: string; source: string; carrier_code: string | null; rule: string | null; match: string | null; follow_ups_done_at: Date | null }>(
        'SELECT id, source, carrier_code, rule, match, follow_ups_done_at FROM consent_events WHERE account_id = $1 AND source_message_id = $2',
        [suite.accountId, sourceMessageId],
      )
    )[0];

  it('records a carrier opt-out with its code, blocks at the gate, announces it, and sends no text', async () => {
    const carrier = decision({ carrierCode: '21610' });
    const applied = await suite.applier.applyDecision(carrier);

    expect(applied).toMatchObject({ outcome: 'applied', state: { status: 'opted_out' } });
    const row = await ledgerRow(carrier.sourceMessageId);
    expect(row).toMatchObject({ source: 'carrier', carrier_code: '21610', rule: null });
    expect(row.follow_ups_done_at).not.toBeNull();
    expect(await suite.system.get(GateCache).get(suite.accountId, carrier.phone)).toMatchObject({ status: 'opted_out' });
    expect(await suite.producer.queue(QueueName.Replies).getJob(jobIds.reply(row.id))).toBeUndefined();
    const webhook = await suite.producer.queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(row.id));
    expect(webhook?.data).toMatchObject({ type: 'consent.opted_out', data: { phone: carrier.phone, replyStatus: 'none' } });
  });

  it('records a reviewer\'s decision with its rule and match, and sends the confirmation it carries', async () => {
    const review = decision({ source: 'review', sourceMessageId: `review:${randomUUID()}`, rule: 'en.stop-texting', match: 'phrase', reply: { body: 'You are unsubscribed.' } });
    await suite.applier.applyDecision(review);

    const row = await ledgerRow(review.sourceMessageId);
    expect(row).toMatchObject({ source: 'review', rule: 'en.stop-texting', match: 'phrase', carrier_code: null });
    expect((await suite.producer.queue(QueueName.Replies).getJob(jobIds.reply(row.id)))?.data).toMatchObject({ to: review.phone, body: 'You are unsubscribed.' });
  });

  it('applied twice, is recorded once and announced once', async () => {
    const carrier = decision({});
    await suite.applier.applyDecision(carrier);
    await expect(suite.applier.applyDecision({ ...carrier, correlationId: 'again' })).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND phone = $2', [suite.accountId, carrier.phone])).toHaveLength(1);
  });

  it('says "unavailable" when the gate cannot be written after the commit, and completes on the next attempt', async () => {
    const carrier = decision({});
    const cache = suite.system.get(GateCache);
    const failing = jest.spyOn(cache, 'writeIfNewer').mockRejectedValueOnce(new Error('Redis went away'));
    const error = await suite.applier.applyDecision(carrier).catch((thrown: unknown) => thrown);
    failing.mockRestore();
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'gate_unavailable' });
    const row = await ledgerRow(carrier.sourceMessageId);
    expect(row.follow_ups_done_at).toBeNull();

    await expect(suite.applier.applyDecision(carrier)).resolves.toMatchObject({ outcome: 'applied' });
    expect(await cache.get(suite.accountId, carrier.phone)).toMatchObject({ status: 'opted_out' });
    expect((await ledgerRow(carrier.sourceMessageId)).follow_ups_done_at).not.toBeNull();
  });

  it('records a later decision that a newer one already decided, and announces nothing', async () => {
    const phone = `+1202555${String(2000 + phones++)}`;
    await suite.applier.applyDecision(decision({ phone, kind: 'optIn', source: 'api', sourceMessageId: `api:${randomUUID()}`, receivedAt: new Date('2026-11-26T11:00:00.000Z') }));
    const late = decision({ phone });
    const applied = await suite.applier.applyDecision(late);
    expect(applied).toMatchObject({ outcome: 'superseded', state: { status: 'opted_in' }, decider: { source: 'api' } });
    const row = await ledgerRow(late.sourceMessageId);
    expect(await suite.producer.queue(QueueName.WebhookEvents).getJob(jobIds.webhookEvent(row.id))).toBeUndefined();
  });
});
