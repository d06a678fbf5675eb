import type { ConsentStatus } from '@optout/contracts';
import type { BlocklistEntry, ConsentEventEntity } from '@optout/database';

export interface BlocklistItemView {
  phone: string;
  since: string;
  keyword: string | null;
  source: string;
}

export function blocklistItemView(entry: BlocklistEntry): BlocklistItemView {
  return { phone: entry.phone, since: entry.since.toISOString(), keyword: entry.keyword || null, source: entry.source };
}

/**
 * Where a number stands. `source` is the ledger source of the deciding row (`sms`, `api`,
 * `import`), or `erasure` when the number is blocked by the suppression its erasure left.
 */
export interface ConsentStateView {
  phone: string;
  status: ConsentStatus;
  since: string | null;
  keyword: string | null;
  source: string | null;
  /** When the number's personal data was last erased; null if never. */
  erasedAt: string | null;
}

/** One ledger row. An erased row keeps its kind, source, times and profile version; its personal fields are null. */
export interface ConsentEventView {
  eventId: string;
  kind: string;
  keyword: string | null;
  /** `keyword` or `phrase` for a text; null for manual changes and imports. */
  match: string | null;
  /** The revocation phrase rule (`en.stop-texting`) of a phrase opt-out or a review decision. */
  rule: string | null;
  scope: { country?: string; language?: string } | null;
  language: string | null;
  country: string | null;
  profileVersion: number | null;
  source: string;
  messageId: string | null;
  sender: string | null;
  receivedAt: string;
  appliedAt: string;
  apiKeyId: string | null;
  reason: string | null;
  /** The carrier's own code when the carrier made the decision (source `carrier`): `21610`, `40300`, `STOP` … */
  carrierCode: string | null;
  erasedAt: string | null;
}

export function consentEventView(event: ConsentEventEntity): ConsentEventView {
  const erased = event.erasedAt !== null;
  return {
    eventId: event.id,
    kind: event.kind,
    keyword: event.keyword || null,
    match: event.match,
    rule: event.rule,
    scope: event.scope,
    language: event.language,
    country: event.country,
    profileVersion: event.profileVersion,
    source: event.source,
    messageId: erased ? null : event.sourceMessageId,
    sender: event.sender || null,
    receivedAt: event.receivedAt.toISOString(),
    appliedAt: event.appliedAt.toISOString(),
    apiKeyId: event.apiKeyId,
    reason: event.reason,
    carrierCode: event.carrierCode ?? null,
    erasedAt: event.erasedAt?.toISOString() ?? null,
  };
}
