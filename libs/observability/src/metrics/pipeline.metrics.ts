import { Logger } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics.registry';

/**
 * Every metric of the pipeline, defined once. Label values are bounded sets (queue names,
 * keyword kinds, outcomes): never a phone number, account or message id.
 */

/** Seconds one job's handler ran, per queue and outcome (`completed`, `failed`, `postponed`). Its _count is throughput. */
export const jobDurationSeconds = new Histogram({
  name: 'optout_job_duration_seconds',
  help: 'Time a worker spent on one job (one attempt), by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** Inbound messages classified, by the keyword kind they matched (`none` when no keyword matched). */
export const messagesClassifiedTotal = new Counter({
  name: 'optout_messages_classified_total',
  help: 'Inbound messages classified, by keyword kind (optOut, optIn, help, none)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

/**
 * From the moment the gateway accepted an opt-out (the message's `acceptedAt`) to the moment
 * the blocklist worker's gate-cache write finished: from then on the send gate answers
 * `allowed: false`. Measured across processes, so it includes clock skew between hosts.
 */
export const timeToBlockSeconds = new Histogram({
  name: 'optout_time_to_block_seconds',
  help: 'Seconds from the gateway accepting an opt-out to the gate cache blocking the number',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

/**
 * Records one opt-out's time-to-block, the moment its gate-cache write has finished. Consent
 * jobs queued before `acceptedAt` was carried have no start and are not counted; a clock
 * behind the gateway's counts as 0 rather than a negative duration.
 */
export function observeTimeToBlock(acceptedAt: string | undefined, now = Date.now()): void {
  const start = acceptedAt ? Date.parse(acceptedAt) : Number.NaN;
  if (Number.isNaN(start)) return;
  timeToBlockSeconds.observe(Math.max(0, now - start) / 1000);
}

/** Outcome of one webhook delivery attempt. */
export type WebhookDeliveryOutcome = 'succeeded' | 'failed' | 'dead';

/**
 * Webhook delivery attempts by outcome: `succeeded` (2xx), `failed` (will be retried), `dead`
 * (given up: last attempt, a 4xx that retrying cannot fix, a refused or disabled endpoint).
 */
export const webhookDeliveriesTotal = new Counter({
  name: 'optout_webhook_deliveries_total',
  help: 'Webhook delivery attempts by outcome (succeeded, failed = will retry, dead = given up)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * How a confirmation text (a reply) ended, per attempt or per decision not to attempt:
 * `sent`, `failed` (will be retried), `dead` (given up), `dead_no_credentials` (the transport
 * has none: dead-lettered without an attempt), `suppressed_no_transport`,
 * `suppressed_opted_out` (the subscriber's consent forbids this kind now), `already_sent` (an
 * interrupted attempt was found sent at the carrier).
 */
export type ReplyOutcome = 'sent' | 'failed' | 'dead' | 'dead_no_credentials' | 'suppressed_no_transport' | 'suppressed_opted_out' | 'already_sent';

/** Replies by keyword kind (optOut, optIn, help) and outcome. */
export const repliesTotal = new Counter({
  name: 'optout_replies_total',
  help: 'Confirmation texts by keyword kind and outcome (sent, failed = will retry, dead, dead_no_credentials, suppressed_no_transport, suppressed_opted_out, already_sent)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Send-gate lookups by answer (`opted_out`, `opted_in`, `unknown`, `unavailable`) and by how
 * the cache served them (`hit`, `miss`, `error` = Redis failed and Postgres answered).
 * Hit ratio: sum(rate(…{cache="hit"})) / sum(rate(…)).
 */
export const gateLookupsTotal = new Counter({
  name: 'optout_gate_lookups_total',
  help: 'Send-gate lookups by answer status and cache result (hit, miss, error)',
  labelNames: ['status', 'cache'] as const,
  registers: [metricsRegistry],
});

/**
 * Read-through fills that Redis refused after a miss. The answer is still right (it came from
 * Postgres); what is lost is the cached entry, so the next lookup of the number is a miss too.
 */
export const gateCacheFillFailuresTotal = new Counter({
  name: 'optout_gate_cache_fill_failures_total',
  help: 'Send-gate read-through cache fills that failed (the answer came from Postgres; the entry was not cached)',
  registers: [metricsRegistry],
});

const webhookLogger = new Logger('WebhookDelivery');

/**
 * Counts one delivery attempt and writes its info line (warnings about failures are the
 * caller's and the worker runner's). Inside the delivery job, the line also carries the job's
 * log context. Call once per attempt, whatever its end.
 */
export function recordWebhookDelivery(
  outcome: WebhookDeliveryOutcome,
  details: { deliveryId: string; eventId?: string; statusCode?: number | null; correlationId?: string | null },
): void {
  webhookDeliveriesTotal.inc({ outcome });
  webhookLogger.log({ msg: `webhook delivery ${outcome}`, outcome, ...details });
}
