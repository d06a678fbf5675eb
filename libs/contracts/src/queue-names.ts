/**
 * Every BullMQ queue of the system. DO NOT RENAME a value: it is the Redis key of a live
 * queue, and renaming strands the jobs already waiting in it.
 */
export const QueueName = {
  /** gateway → classifier: inbound messages as the carrier delivered them. */
  Inbound: 'inbound',
  /** classifier → blocklist: messages that matched a keyword, to be applied and recorded. */
  Consent: 'consent',
  /** blocklist → dispatcher: confirmation texts to send back to the subscriber. */
  Replies: 'replies',
  /** blocklist → dispatcher: consent events to fan out to the account's webhook endpoints. */
  WebhookEvents: 'webhook-events',
  /** dispatcher → dispatcher: one delivery of one event to one endpoint, retried on its own. */
  WebhookDeliveries: 'webhook-deliveries',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
