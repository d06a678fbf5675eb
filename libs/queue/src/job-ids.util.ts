import { hash } from 'node:crypto';

/**
 * Job ids derive from what the job is about, so that producing the same work twice (a
 * retried job, a duplicated message) is ignored by BullMQ while the first job is retained.
 * BullMQ ids may not contain ':', and message ids come from carriers: they are hashed.
 */
export const jobIds = {
  inboundMessage: (accountId: string, messageId: string) => `in-${digest(accountId, messageId)}`,
  consentOf: (inboundJobId: string) => `co-${inboundJobId}`,
  reply: (eventId: string) => `re-${eventId}`,
  webhookEvent: (eventId: string) => `we-${eventId}`,
  webhookDelivery: (deliveryId: string, round = 0) => (round === 0 ? `wd-${deliveryId}` : `wd-${deliveryId}-r${round}`),
};

function digest(...parts: string[]): string {
  // One-shot: computed for every inbound message, and no Hash object is needed for one input.
  return hash('sha256', parts.join('\u0000'), 'base64url').slice(0, 32);
}
