import type { JobsOptions } from 'bullmq';
import { QueueName } from '@optout/contracts';

/** Name of the backoff strategy that follows `WEBHOOK_RETRY_DELAYS_MS` (see retry-schedule.util.ts). */
export const SCHEDULE_BACKOFF = 'schedule';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Retries and retention of every queue, in one place.
 *
 * Inbound and consent jobs carry opt-outs: they retry for a long time (a Postgres outage must
 * not lose a STOP) and, if they still fail, stay in the failed set for two weeks where an
 * operator can retry them from the dashboard. Completed jobs are kept an hour (bounded by
 * count too) so that a job id repeated within that hour is ignored by BullMQ, and Redis memory
 * stays bounded: BullMQ keeps finished jobs forever unless told otherwise.
 */
export function defaultJobOptions(queue: QueueName, retryDelaysMs: number[], keepCompletedSeconds = HOUR, keepCompletedWithTextSeconds = 300): JobsOptions {
  // BullMQ removes aged completed jobs when a later job completes, not on a timer.
  const retention = { removeOnComplete: { age: keepCompletedSeconds, count: 50_000 }, removeOnFail: { age: 14 * DAY } };
  switch (queue) {
    case QueueName.Inbound:
    case QueueName.Consent:
      // These carry the messages' text (up to 1000 × 1600 characters a job): kept minutes, not an
      // hour, so that one busy account cannot pin Redis memory with what is already done. A repeated
      // message id after that is stopped by the ledger's unique key, as it always is.
      return {
        removeOnComplete: { age: Math.min(keepCompletedSeconds, keepCompletedWithTextSeconds), count: 50_000 },
        removeOnFail: retention.removeOnFail,
        attempts: 25,
        backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
      };
    case QueueName.WebhookEvents:
      // 1 s doubling, capped by BullMQ's jitter: about 9 hours across 25 attempts.
      return { ...retention, attempts: 25, backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 } };
    case QueueName.Replies:
    case QueueName.WebhookDeliveries:
      return { ...retention, attempts: retryDelaysMs.length + 1, backoff: { type: SCHEDULE_BACKOFF } };
  }
}
