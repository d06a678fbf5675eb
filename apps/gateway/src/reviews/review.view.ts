import type { ReviewView } from '@optout/contracts';
import type { RevocationReviewEntity } from '@optout/database';

export function reviewView(review: RevocationReviewEntity): ReviewView {
  const view: ReviewView = {
    id: review.id,
    phone: review.phone,
    sender: review.sender,
    body: review.body,
    messageId: review.sourceMessageId,
    receivedAt: review.receivedAt.toISOString(),
    deadline: review.deadline.toISOString(),
    rule: review.rule,
    language: review.language,
    status: review.status,
  };
  if (review.status === 'decided' && review.decision) {
    view.decision = review.decision;
    view.decidedAt = review.decidedAt?.toISOString();
    view.decidedBy = review.decidedByApiKeyId;
    view.consentEventId = review.consentEventId;
  }
  return view;
}

/** The queue's cursor: the last item's (receivedAt, id), opaque to clients. */
export function encodeReviewCursor(review: RevocationReviewEntity): string {
  return Buffer.from(`${review.receivedAt.getTime()}.${review.id}`).toString('base64url');
}

export function decodeReviewCursor(raw: string): { receivedAt: Date; id: string } | null {
  const match = /^(\d{1,16})\.([0-9a-f-]{36})$/i.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match ? { receivedAt: new Date(Number(match[1])), id: match[2].toLowerCase() } : null;
}
