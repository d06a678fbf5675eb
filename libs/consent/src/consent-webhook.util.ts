import { ConsentEventData, EVENT_TYPE_BY_KIND, OPT_OUT_TYPE_BY_KIND, WebhookEventJob } from '@optout/contracts';
import type { ConsentEventEntity } from '@optout/database';

/** What became of the confirmation text of an event, as the webhook reports it. */
export interface ReplyOutcome {
  segments: ConsentEventData['replySegments'];
  status: NonNullable<ConsentEventData['replyStatus']>;
}

/** The webhook event of one ledger row: the one place its payload is built. */
export function webhookEventOf(event: ConsentEventEntity, correlationId: string, reply: ReplyOutcome): WebhookEventJob {
  const data: ConsentEventData = {
    eventId: event.id,
    accountId: event.accountId,
    phone: event.phone,
    sender: event.sender,
    keyword: event.keyword,
    language: event.language,
    country: event.country,
    messageId: event.sourceMessageId,
    receivedAt: event.receivedAt.toISOString(),
    optOutType: OPT_OUT_TYPE_BY_KIND[event.kind],
    match: event.match ?? null,
    rule: event.rule ?? null,
    source: event.source,
    replySegments: reply.segments,
    replyStatus: reply.status,
  };
  return { v: 1, type: EVENT_TYPE_BY_KIND[event.kind], occurredAt: event.appliedAt.toISOString(), data, correlationId };
}

/**
 * The webhook event of a ledger row that has no text behind it (a manual change): no reply,
 * so `replyStatus` is `none`. `sender` is empty (no business number was texted) and
 * `messageId` is the ledger's `api:<uuid>`, which tells the business where it came from.
 */
export function webhookEventOfManualChange(event: ConsentEventEntity, correlationId: string): WebhookEventJob {
  return webhookEventOf(event, correlationId, { segments: null, status: 'none' });
}
