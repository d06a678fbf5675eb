import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsentRecordView, ConsentStateView, messageOf, QueueName, UnavailableError } from '@optout/contracts';
import { ConsentErasureRepository, ConsentLedgerRepository, ConsentStateRepository, DATA_SOURCE } from '@optout/database';
import { compareMessageIds, entryOfSuppression, GateCache } from '@optout/gate';
import { jobIds, JobProducer } from '@optout/queue';
import { consentStateView } from './blocklist.service';
import { consentEventView } from './blocklist.view';
import { SubscriberPhoneResolver } from './subscriber-phone.resolver';

export interface ErasureView extends ConsentStateView {
  erased: {
    ledgerEvents: number;
    replyDeliveries: number;
    webhookDeliveries: number;
    /** Finished reply and webhook jobs (kept by BullMQ for a while) removed from Redis. */
    queueJobsRemoved: number;
    /** Reply and webhook jobs still waiting or running: they carry the number until done. */
    queueJobsPending: number;
  };
}

/** "When did this number opt out, and how?" — and the subscriber's right to be forgotten. */
@Injectable()
export class ConsentRecordService {
  private readonly logger = new Logger(ConsentRecordService.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly ledger: ConsentLedgerRepository,
    private readonly states: ConsentStateRepository,
    private readonly erasure: ConsentErasureRepository,
    private readonly gateCache: GateCache,
    private readonly producer: JobProducer,
    private readonly phones: SubscriberPhoneResolver,
  ) {}

  /** The current state and every ledger row, erased rows included (found by the number's keyed hash). */
  async record(accountId: string, rawPhone: string): Promise<ConsentRecordView> {
    const phone = await this.phones.resolve(accountId, rawPhone);
    const manager = this.dataSource.manager;
    const [state, suppressions, hash] = await Promise.all([
      this.states.find(accountId, phone),
      this.erasure.findMany(accountId, [phone]),
      this.erasure.hashOf(accountId, phone),
    ]);
    const [plain, erased] = await Promise.all([this.ledger.historyOf(manager, accountId, phone), this.ledger.historyOf(manager, accountId, hash)]);
    const history = [...erased, ...plain].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || compareMessageIds(a.sourceMessageId, b.sourceMessageId));
    const decider = state ? history.find((event) => event.id === state.eventId) : undefined;
    return { ...consentStateView(phone, state, suppressions.get(phone) ?? null, decider?.source ?? null), history: history.map(consentEventView) };
  }

  /**
   * Erases the subscriber's personal data and leaves a suppression by keyed hash, so the gate
   * keeps answering `opted_out` (docs/blocklist.md). Then the gate cache is written with the
   * suppression's version — the same version-guarded write as every change, so a reader that
   * read Postgres before the erasure cannot leave an older answer behind — and the finished
   * reply and webhook jobs of the erased rows are removed from Redis.
   */
  async erase(accountId: string, rawPhone: string): Promise<ErasureView> {
    const phone = await this.phones.resolve(accountId, rawPhone);
    const result = await this.erasure.erase(accountId, phone);
    try {
      await this.gateCache.writeIfNewer(accountId, phone, entryOfSuppression(result.suppression));
    } catch (error) {
      throw new UnavailableError(
        'gate_unavailable',
        `The personal data is erased but the send gate's cache could not be updated (${messageOf(error)}). Send the same request again.`,
        1,
        { cause: error },
      );
    }
    const jobs = await this.removeFinishedJobs(result.erasedEvents.map((event) => event.id));
    return {
      ...consentStateView(phone, null, result.suppression, null),
      erased: {
        ledgerEvents: result.ledgerEvents,
        replyDeliveries: result.replyDeliveries,
        webhookDeliveries: result.webhookDeliveries,
        queueJobsRemoved: jobs.removed,
        queueJobsPending: jobs.pending,
      },
    };
  }

  /**
   * Reply and webhook-event jobs carry the number and stay in Redis after they finish
   * (completed: about an hour, failed: two weeks). Their ids derive from the ledger event id,
   * so they can be found. A job still waiting or running is left alone and counted.
   */
  private async removeFinishedJobs(eventIds: string[]): Promise<{ removed: number; pending: number }> {
    let removed = 0;
    let pending = 0;
    const targets = eventIds.flatMap((id) => [
      { queue: QueueName.Replies, jobId: jobIds.reply(id) },
      { queue: QueueName.WebhookEvents, jobId: jobIds.webhookEvent(id) },
    ]);
    for (const target of targets) {
      try {
        const job = await this.producer.queue(target.queue).getJob(target.jobId);
        if (!job) continue;
        const state = await job.getState();
        if (state === 'completed' || state === 'failed') {
          await job.remove();
          removed++;
        } else {
          pending++;
        }
      } catch (error) {
        // The ledger is erased either way; a job left behind expires with its retention.
        this.logger.warn(`could not remove job ${target.jobId} of an erased number: ${(error as Error).message}`);
        pending++;
      }
    }
    return { removed, pending };
  }
}
