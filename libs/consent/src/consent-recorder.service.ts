import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ConsentEventEntity,
  ConsentLedgerRepository,
  ConsentStateEntity,
  ConsentStateRepository,
  DATA_SOURCE,
  NewConsentEvent,
} from '@optout/database';

export interface RecordedConsent {
  /** The ledger row: the one just written, or the first record of a repeated message id. */
  event: ConsentEventEntity;
  /** False when the message id had been recorded before (a duplicate or a retry). */
  inserted: boolean;
  /** The subscriber's state after the write, whoever won; null for HELP. */
  state: ConsentStateEntity | null;
}

type CommitsWith = (manager: EntityManager, event: ConsentEventEntity) => Promise<void>;

/** A manual change that found nothing to change: no ledger row was written. */
export interface UnchangedConsent {
  unchanged: true;
  state: ConsentStateEntity | null;
}

/**
 * Step 1 of applying a consent decision (ConsentApplier): the ledger row once per (account,
 * message id) and the consent state, last writer wins by (receivedAt, message id), in one
 * transaction (docs/architecture.md, consistency rules 2–4). Internal to libs/consent: every
 * caller goes through ConsentApplier, which does the gate cache and the follow-ups after it.
 */
@Injectable()
export class ConsentRecorder {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly ledger: ConsentLedgerRepository,
    private readonly states: ConsentStateRepository,
  ) {}

  /** `commitsWith`: see ConsentDecision.commitsWith. */
  record(event: NewConsentEvent, commitsWith?: CommitsWith): Promise<RecordedConsent> {
    return this.dataSource.transaction((manager) => this.recordWith(manager, event, commitsWith));
  }

  /**
   * A manual change: serialised per subscriber (an advisory lock, since the state row may not
   * exist yet), and not recorded at all when `unchanged(current)` says the state is already
   * what was asked — a repeated PUT or DELETE writes no second ledger row and no second webhook.
   * `receivedAtGiven` dates the change from the current state, under the same lock (a manual
   * opt-out must outrank a state dated in the future: manualOptOutTime).
   */
  recordUnless(
    event: NewConsentEvent,
    unchanged: (current: ConsentStateEntity | null) => boolean,
    receivedAtGiven: (current: ConsentStateEntity | null) => Date = () => event.receivedAt,
    commitsWith?: CommitsWith,
  ): Promise<RecordedConsent | UnchangedConsent> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`consent:${event.accountId.toLowerCase()}:${event.phone}`]);
      const current = await this.states.find(event.accountId, event.phone, manager);
      if (unchanged(current)) return { unchanged: true as const, state: current };
      return this.recordWith(manager, { ...event, receivedAt: receivedAtGiven(current) }, commitsWith);
    });
  }

  private async recordWith(manager: EntityManager, event: NewConsentEvent, commitsWith?: CommitsWith): Promise<RecordedConsent> {
    const recorded = await this.ledger.record(manager, event);
    await commitsWith?.(manager, recorded.event);
    if (recorded.event.kind === 'help') return { ...recorded, state: null };
    const state = recorded.inserted
      ? await this.states.applyIfNewer(manager, {
          accountId: event.accountId,
          phone: event.phone,
          status: recorded.event.kind === 'optOut' ? 'opted_out' : 'opted_in',
          since: recorded.event.receivedAt,
          sourceMessageId: recorded.event.sourceMessageId,
          keyword: recorded.event.keyword,
          eventId: recorded.event.id,
        })
      : await this.states.find(event.accountId, event.phone, manager);
    return { ...recorded, state };
  }
}

export function isUnchanged(outcome: RecordedConsent | UnchangedConsent): outcome is UnchangedConsent {
  return 'unchanged' in outcome;
}
