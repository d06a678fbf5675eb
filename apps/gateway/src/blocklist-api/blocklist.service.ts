import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConsentApplier, manualOptOutTime } from '@optout/consent';
import type { BlocklistItemView, ConsentStateView } from '@optout/contracts';
import { BlocklistRepository, ConsentErasureRepository, ConsentEventEntity, ConsentStateEntity, Page, Suppression } from '@optout/database';
import { entryOfState, entryOfSuppression, newerEntry, UNKNOWN_ENTRY } from '@optout/gate';
import { ApiException } from '../http/api.exception';
import { decodeBlocklistCursor, encodeBlocklistCursor, searchRangeOf } from './blocklist-cursor.util';
import { DEFAULT_BLOCKLIST_PAGE, ListBlocklistQuery } from './blocklist.dto';
import { blocklistItemView } from './blocklist.view';
import { SubscriberPhoneResolver } from './subscriber-phone.resolver';

/**
 * The block list as a business sees it, and its manual changes. A manual change is applied
 * like a text (libs/consent): ledger row (source `api`, the key that made it, receivedAt =
 * now) and state in one transaction, then the version-guarded gate cache write, then the
 * webhook — no confirmation text (nobody texted; docs/blocklist.md).
 */
@Injectable()
export class BlocklistService {
  constructor(
    private readonly blocklist: BlocklistRepository,
    private readonly erasure: ConsentErasureRepository,
    private readonly consent: ConsentApplier,
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
   * Through the one apply path (libs/consent), source `api`, receivedAt = now (an opt-out: just
   * after a state dated ahead of now, docs/security.md item 3), no confirmation
   * text. Idempotent: when the number already stands where it was asked to go (including an
   * erased number, blocked by its suppression), nothing is recorded — but the gate cache and
   * any follow-up left pending by an earlier attempt are still done, so a client that got a
   * 503 retries safely. A change superseded by a text dated after now (a skewed carrier clock)
   * is recorded, not announced — the same rule as for texts.
   */
  private async change(accountId: string, apiKeyId: string, rawPhone: string, kind: 'optOut' | 'optIn', reason: string | null): Promise<ManualChange> {
    const phone = await this.phones.resolve(accountId, rawPhone);
    const suppression = (await this.erasure.findMany(accountId, [phone])).get(phone) ?? null;
    const blocked = kind === 'optOut';
    const messageId = `api:${randomUUID()}`;
    const now = new Date();
    const applied = await this.consent.applyDecision({
      accountId,
      phone,
      kind,
      source: 'api',
      sourceMessageId: messageId,
      receivedAt: now,
      correlationId: messageId,
      apiKeyId,
      reason,
      reply: null,
      unlessAlready: (current) => (effectiveStatus(current, suppression) === 'opted_out') === blocked,
      // An opt-out is never outranked by a state dated in the future; an opt-in may be (the safe side).
      receivedAtGiven: blocked ? (current) => manualOptOutTime(now, current) : undefined,
    });
    if (applied.outcome === 'unchanged') return { changed: false, state: this.viewOf(phone, applied.state, suppression, applied.decider) };
    return { changed: applied.outcome === 'applied', state: this.viewOf(phone, applied.state, null, applied.decider) };
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
