import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.registry';
import { oncePerScrape } from './once-per-scrape.util';

/** The review queue (revocation by reasonable means) as one process can read it from Postgres. */
export interface ReviewQueueReading {
  pending: number;
  oldestPendingAgeSeconds: number | null;
}

export type ReviewQueueSource = () => Promise<ReviewQueueReading>;

let source: ReviewQueueSource | null = null;

/** The gateway registers how to read the queue; returns how to remove it (on shutdown). */
export function registerReviewQueueSource(read: ReviewQueueSource): () => void {
  source = read;
  return () => {
    if (source === read) source = null;
  };
}

/** One Postgres read serves both gauges of a scrape; a failed read leaves them as they were. */
const readOnce = oncePerScrape<ReviewQueueReading | null>(() => (source ? source().catch(() => null) : Promise.resolve(null)));

export const reviewsPending = new Gauge({
  name: 'optout_reviews_pending',
  help: 'Texts waiting in the revocation review queue (all accounts), read on scrape',
  registers: [metricsRegistry],
  async collect() {
    const reading = await readOnce();
    if (reading) this.set(reading.pending);
  },
});

export const reviewsOldestPendingAgeSeconds = new Gauge({
  name: 'optout_reviews_oldest_pending_age_seconds',
  help: 'Age of the oldest pending review since the text was received (0 when none waits); the deadline is 10 business days',
  registers: [metricsRegistry],
  async collect() {
    const reading = await readOnce();
    if (reading) this.set(reading.oldestPendingAgeSeconds ?? 0);
  },
});
