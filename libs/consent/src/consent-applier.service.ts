import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { messageOf, UnavailableError } from '@optout/contracts';
import { ConsentEventEntity, ConsentLedgerRepository, ConsentStateEntity, DATA_SOURCE } from '@optout/database';
import { DecidingState, entryOfState, GateCache, GateEntry } from '@optout/gate';
import { observeTimeToBlock } from '@optout/observability';
import { AppliedConsent, ConfirmationReply, ConsentDecision, ConsentOutcome, ledgerRowOf } from './consent-decision';
import { ConsentFollowUps } from './consent-follow-ups.service';
import { ConsentRecorder, isUnchanged, UnchangedConsent } from './consent-recorder.service';

/**
 * The one way a consent decision takes effect, for every source (texts, manual changes,
 * carriers' opt-outs, review decisions). Four steps in an order that survives a crash at any
 * point (docs/architecture.md, consistency rules 2–7):
 * 1. one transaction: the ledger row (once per account + `sourceMessageId`) and the consent
 *    state (last writer wins by receivedAt, then message id in byte order);
 * 2. the gate cache, with the version-guarded write;
 * 3. the confirmation text and the webhook, unless the ledger says they were already queued
 *    or a later decision stands;
 * 4. the ledger row's follow-ups marked done.
 * Applying the same decision again after a failure between 1 and 4 finds the ledger row,
 * writes nothing twice, and performs 2–4 again; their job ids make that harmless.
 */
@Injectable()
export class ConsentApplier {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly ledger: ConsentLedgerRepository,
    private readonly recorder: ConsentRecorder,
    private readonly followUps: ConsentFollowUps,
    private readonly gateCache: GateCache,
  ) {}

  /**
   * Applies one decision (see `ConsentDecision` for what it can say). Idempotent per
   * (account, `sourceMessageId`). Throws `UnavailableError` (`gate_unavailable`,
   * `queue_unavailable`) when the decision is recorded but a later step could not be done:
   * applying it again completes it. A database error is thrown as it is (nothing was recorded).
   */
  async applyDecision(decision: ConsentDecision): Promise<AppliedConsent> {
    const row = ledgerRowOf(decision);
    const recorded = decision.unlessAlready
      ? await this.recorder.recordUnless(row, decision.unlessAlready, decision.receivedAtGiven, decision.commitsWith)
      : await this.recorder.record(row, decision.commitsWith);
    if (isUnchanged(recorded)) return this.completeUnchanged(decision, recorded);

    const { event, inserted, state } = recorded;
    if (state) await this.syncGate(state);
    const superseded = event.kind !== 'help' && state?.eventId !== event.id;
    const pending = event.followUpsDoneAt === null && !superseded;
    // The gate now says "blocked": time-to-block ends here, once per opt-out (not for duplicates).
    if (event.kind === 'optOut' && pending) observeTimeToBlock(decision.acceptedAt);
    if (pending) await this.finishFollowUps(event, decision.reply, decision.correlationId);
    const decider = superseded && state ? await this.ledger.findById(this.dataSource.manager, state.eventId) : event;
    return { outcome: outcomeOf(event, inserted, superseded), event, state, decider };
  }

  /**
   * Step 2 for states written in bulk by one statement (an import batch): the gate shows each
   * as it stands in Postgres, never an older one. Throws when Redis does not answer.
   */
  async syncGateMany(accountId: string, states: Iterable<DecidingState & { phone: string }>): Promise<void> {
    const entries = new Map<string, GateEntry>();
    for (const state of states) entries.set(state.phone, entryOfState(state));
    await this.gateCache.writeManyIfNewer(accountId, entries);
  }

  /**
   * Nothing recorded — but an earlier attempt of the same kind may have stopped after its
   * commit: the gate is written again, and the deciding row's follow-ups, if it came the same
   * way and left them pending, are performed now. So a client that got a 503 retries safely.
   */
  private async completeUnchanged(decision: ConsentDecision, unchanged: UnchangedConsent): Promise<AppliedConsent> {
    const state = unchanged.state;
    if (!state) return { outcome: 'unchanged', event: null, state: null, decider: null };
    await this.syncGate(state);
    const decider = await this.ledger.findById(this.dataSource.manager, state.eventId);
    if (decider && decider.source === decision.source && decider.followUpsDoneAt === null) {
      await this.finishFollowUps(decider, decision.reply, decider.correlationId ?? decider.sourceMessageId);
    }
    return { outcome: 'unchanged', event: null, state, decider };
  }

  /** Step 2: the gate shows the state as it stands in Postgres, never an older one. */
  private async syncGate(state: ConsentStateEntity): Promise<void> {
    try {
      await this.gateCache.writeIfNewer(state.accountId, state.phone, entryOfState(state));
    } catch (error) {
      throw new UnavailableError(
        'gate_unavailable',
        `The change is recorded but the send gate's cache could not be updated (${messageOf(error)}). Send it again: it is idempotent.`,
        1,
        { cause: error },
      );
    }
  }

  /** Steps 3 and 4. */
  private async finishFollowUps(event: ConsentEventEntity, reply: ConfirmationReply | null, correlationId: string): Promise<void> {
    try {
      await this.followUps.publish(event, reply, correlationId);
    } catch (error) {
      throw new UnavailableError(
        'queue_unavailable',
        `The change is recorded but its follow-ups could not be queued (${messageOf(error)}). Send it again: it is idempotent.`,
        1,
        { cause: error },
      );
    }
    await this.ledger.markFollowUpsDone(this.dataSource.manager, event.id);
  }
}

function outcomeOf(event: ConsentEventEntity, inserted: boolean, superseded: boolean): ConsentOutcome {
  if (!inserted && event.followUpsDoneAt !== null) return 'duplicate';
  if (superseded) return 'superseded';
  return event.kind === 'help' ? 'help' : 'applied';
}
