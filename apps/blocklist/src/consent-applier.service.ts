import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsentRecorder } from '@optout/consent';
import { ClassifiedMessage } from '@optout/contracts';
import { ConsentEventEntity, ConsentLedgerRepository, DATA_SOURCE } from '@optout/database';
import { observeTimeToBlock } from '@optout/observability';
import { ConsentFollowUps } from './consent-follow-ups.service';

export type ApplyOutcome = 'applied' | 'superseded' | 'duplicate' | 'help';

/**
 * Applies one matched message, in an order that survives a crash at any point:
 * 1. one transaction: the ledger row (once per account + message id) and the consent state
 *    (last writer wins by receivedAt);
 * 2. the gate cache, with a version-guarded write;
 * 3. the reply and webhook, unless the ledger says they were already queued;
 * 4. mark the ledger row's follow-ups done.
 * A retry after a crash between 1 and 4 finds the ledger row, skips the write, and performs
 * 2–4 again; their job ids make that harmless.
 */
@Injectable()
export class ConsentApplier {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly ledger: ConsentLedgerRepository,
    private readonly recorder: ConsentRecorder,
    private readonly followUps: ConsentFollowUps,
  ) {}

  async apply(message: ClassifiedMessage): Promise<ApplyOutcome> {
    // Step 1 (the transaction) and step 2 (the gate cache) are the shared core in libs/consent,
    // which the gateway's manual changes use too.
    const { event, inserted, state } = await this.recorder.record({
      accountId: message.accountId,
      sourceMessageId: message.messageId,
      phone: message.from,
      sender: message.to,
      kind: message.kind,
      keyword: message.keyword,
      scope: message.scope,
      language: message.language,
      country: message.country,
      profileVersion: message.profileVersion,
      // A decision the carrier made itself is recorded as the carrier's, with what it said.
      source: message.carrierConsent ? 'carrier' : 'sms',
      reason: message.carrierConsent?.detail ?? null,
      receivedAt: new Date(message.receivedAt),
      correlationId: message.correlationId,
    });

    if (state) await this.recorder.syncGate(state);

    const superseded = event.kind !== 'help' && state?.eventId !== event.id;
    // The gate now says "blocked": time-to-block ends here, once per opt-out (not for duplicates).
    if (event.kind === 'optOut' && !superseded && event.followUpsDoneAt === null) observeTimeToBlock(message.acceptedAt);
    if (event.followUpsDoneAt === null && !superseded) {
      await this.followUps.publish(event, message);
      await this.ledger.markFollowUpsDone(this.dataSource.manager, event.id);
    }
    return outcomeOf(event, inserted, superseded);
  }
}

function outcomeOf(event: ConsentEventEntity, inserted: boolean, superseded: boolean): ApplyOutcome {
  if (!inserted && event.followUpsDoneAt !== null) return 'duplicate';
  if (superseded) return 'superseded';
  return event.kind === 'help' ? 'help' : 'applied';
}
