import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsentRecorder, isUnchanged, manualOptOutTime, webhookEventOfManualChange } from '@optout/consent';
import { QueueName } from '@optout/contracts';
import {
  BlocklistRepository,
  ConsentErasureRepository,
  ConsentEventEntity,
  ConsentLedgerRepository,
  ConsentStateEntity,
  DATA_SOURCE,
  Page,
  Suppression,
} from '@optout/database';
import { entryOfState, entryOfSuppression, newerEntry, UNKNOWN_ENTRY } from '@optout/gate';
import { jobIds, JobProducer } from '@optout/queue';
import { ApiException } from '../http/api.exception';
import { decodeBlocklistCursor, encodeBlocklistCursor, searchRangeOf } from './blocklist-cursor.util';
import { DEFAULT_BLOCKLIST_PAGE, ListBlocklistQuery } from './blocklist.dto';
import { BlocklistItemView, blocklistItemView, ConsentStateView } from './blocklist.view';
import { SubscriberPhoneResolver } from './subscriber-phone.resolver';

/**
 * The block list as a business sees it, and its manual changes. A manual change goes through
 * the same core as a text (libs/consent): ledger row (source `api`, the key that made it,
 * receivedAt = now) and state in one transaction, then the version-guarded gate cache write,
 * then the webhook — no confirmation text (nobody texted; docs/blocklist.md).
 */
@Injectable()
export class BlocklistService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly blocklist: BlocklistRepository,
    private readonly ledger: ConsentLedgerRepository,
    private readonly erasure: ConsentErasureRepository,
    private readonly recorder: ConsentRecorder,
    private readonly producer: JobProducer,
    private readonly phones: SubscriberPhoneResolver,
  ) {}

  async list(accountId: string, query: ListBlocklistQuery): Promise<Page<BlocklistItemView>> {
    const limit = query.limit ?? DEFAULT_BLOCKLIST_PAGE;
    let after: string | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeBlocklistCursor(query.cursor);
      if (!decoded) throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
      after = decoded;
    }
    let range: { from?: string; to?: string | null } = {};
    if (query.search !== undefined) {
      const searched = searchRangeOf(query.search);
      if ('error' in searched) throw ApiException.validation([{ field: 'search', rule: 'phone_prefix', message: searched.error }]);
      range = searched;
    }
    // One more than asked: whether there is a next page, without a count.
    const rows = await this.blocklist.page(accountId, { after, ...range }, limit + 1);
    const items = rows.slice(0, limit);
    return { items: items.map(blocklistItemView), nextCursor: rows.length > limit ? encodeBlocklistCursor(items[items.length - 1].phone) : null };
  }

  optOut(accountId: string, apiKeyId: string, rawPhone: string, reason: string | null): Promise<ManualChange> {
    return this.change(accountId, apiKeyId, rawPhone, 'optOut', reason);
  }

  optIn(accountId: string, apiKeyId: string, rawPhone: string): Promise<ManualChange> {
    return this.change(accountId, apiKeyId, rawPhone, 'optIn', null);
  }

  /**
   * Idempotent: when the number already stands where it was asked to go (including an erased
   * number, blocked by its suppression), nothing is recorded — but the gate cache and any
   * follow-up left pending by an earlier attempt are still done, so a client that got a 503
   * retries safely.
   */
  private async change(accountId: string, apiKeyId: string, rawPhone: string, kind: 'optOut' | 'optIn', reason: string | null): Promise<ManualChange> {
    const phone = await this.phones.resolve(accountId, rawPhone);
    const suppression = (await this.erasure.findMany(accountId, [phone])).get(phone) ?? null;
    const wanted = kind === 'optOut' ? 'opted_out' : 'opted_in';
    const messageId = `api:${randomUUID()}`;
    const now = new Date();
    const outcome = await this.recorder.recordUnless(
      {
        accountId,
        sourceMessageId: messageId,
        phone,
        sender: '',
        kind,
        keyword: '',
        scope: null,
        language: null,
        country: null,
        profileVersion: null,
        source: 'api',
        receivedAt: now,
        correlationId: messageId,
        apiKeyId,
        reason,
      },
      (current) => (effectiveStatus(current, suppression) === 'opted_out') === (wanted === 'opted_out'),
      // An opt-out is never outranked by a state dated in the future; an opt-in may be (the safe side).
      (current) => (kind === 'optOut' ? manualOptOutTime(now, current) : now),
    );

    if (isUnchanged(outcome)) {
      if (outcome.state) {
        await this.syncGate(outcome.state);
        const decider = await this.ledger.findById(this.dataSource.manager, outcome.state.eventId);
        if (decider && decider.source === 'api' && decider.followUpsDoneAt === null) await this.publish(decider);
        return { changed: false, state: this.viewOf(phone, outcome.state, suppression, decider) };
      }
      return { changed: false, state: this.viewOf(phone, null, suppression, null) };
    }

    const { event, state } = outcome;
    await this.syncGate(state!);
    // Superseded (a text dated after now, from a skewed carrier clock, already decided):
    // recorded, not announced — the same rule as for texts.
    const superseded = state!.eventId !== event.id;
    if (!superseded && event.followUpsDoneAt === null) await this.publish(event);
    const decider = superseded ? await this.ledger.findById(this.dataSource.manager, state!.eventId) : event;
    return { changed: !superseded, state: this.viewOf(phone, state, null, decider) };
  }

  private async syncGate(state: ConsentStateEntity): Promise<void> {
    try {
      await this.recorder.syncGate(state);
    } catch (error) {
      throw new ApiException(
        503,
        'gate_unavailable',
        `The change is recorded but the send gate's cache could not be updated (${(error as Error).message}). Send the same request again: it is idempotent.`,
        [],
        { 'retry-after': '1' },
      );
    }
  }

  /** The webhook (job id from the ledger event id: queued once), then the row is marked done. */
  private async publish(event: ConsentEventEntity): Promise<void> {
    try {
      await this.producer.enqueue(QueueName.WebhookEvents, webhookEventOfManualChange(event, event.correlationId ?? event.sourceMessageId), {
        jobId: jobIds.webhookEvent(event.id),
      });
    } catch (error) {
      throw new ApiException(
        503,
        'queue_unavailable',
        `The change is recorded but its webhook could not be queued (${(error as Error).message}). Send the same request again: it is idempotent.`,
        [],
        { 'retry-after': '1' },
      );
    }
    await this.ledger.markFollowUpsDone(this.dataSource.manager, event.id);
  }

  private viewOf(phone: string, state: ConsentStateEntity | null, suppression: Suppression | null, decider: ConsentEventEntity | null): ConsentStateView {
    return consentStateView(phone, state, suppression, decider?.source ?? null);
  }
}

export interface ManualChange {
  /** False when the number already stood where it was asked to go: nothing was recorded. */
  changed: boolean;
  state: ConsentStateView;
}

/** What the gate says of a number: its plain state or its erasure's suppression, whichever is newer. */
export function effectiveStatus(state: ConsentStateEntity | null, suppression: Suppression | null): 'opted_out' | 'opted_in' | 'unknown' {
  const plain = entryOfState(state);
  return suppression ? newerEntry(plain, entryOfSuppression(suppression)).status : plain.status;
}

export function consentStateView(phone: string, state: ConsentStateEntity | null, suppression: Suppression | null, source: string | null): ConsentStateView {
  const plain = state ? entryOfState(state) : UNKNOWN_ENTRY;
  const erasedAt = suppression?.erasedAt.toISOString() ?? null;
  if (suppression && newerEntry(plain, entryOfSuppression(suppression)) !== plain) {
    return { phone, status: 'opted_out', since: suppression.since.toISOString(), keyword: suppression.keyword || null, source: 'erasure', erasedAt };
  }
  return { phone, status: plain.status, since: plain.since, keyword: plain.keyword || null, source: state ? source : null, erasedAt };
}
