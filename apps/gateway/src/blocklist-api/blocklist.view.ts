import type { BlocklistItemView, ConsentEventView } from '@optout/contracts';
import type { BlocklistEntry, ConsentEventEntity } from '@optout/database';

export function blocklistItemView(entry: BlocklistEntry): BlocklistItemView {
  return { phone: entry.phone, since: entry.since.toISOString(), keyword: entry.keyword || null, source: entry.source };
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
