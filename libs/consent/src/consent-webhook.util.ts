import { ConsentEventData, EVENT_TYPE_BY_KIND, OPT_OUT_TYPE_BY_KIND, WebhookEventJob } from '@optout/contracts';
import type { ConsentEventEntity } from '@optout/database';

/**
 * The webhook event of a ledger row that has no text behind it (a manual change): no reply,
 * so `replyStatus` is `none`. `sender` is empty (no business number was texted) and
 * `messageId` is the ledger's `api:<uuid>`, which tells the business where it came from.
 */
export function webhookEventOfManualChange(event: ConsentEventEntity, correlationId: string): WebhookEventJob {
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
    replySegments: null,
    replyStatus: 'none',
  };
  return { v: 1, type: EVENT_TYPE_BY_KIND[event.kind], occurredAt: event.appliedAt.toISOString(), data, correlationId };
}
