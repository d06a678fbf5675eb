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

/** A gauge set on scrape from the shared reading; left as it was when the read failed. */
function reviewQueueGauge(name: string, help: string, valueOf: (reading: ReviewQueueReading) => number): Gauge {
  return new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    async collect() {
      const reading = await readOnce();
      if (reading) this.set(valueOf(reading));
    },
  });
}

export const reviewsPending = reviewQueueGauge(
  'optout_reviews_pending',
  'Texts waiting in the revocation review queue (all accounts), read on scrape',
  (reading) => reading.pending,
);

export const reviewsOldestPendingAgeSeconds = reviewQueueGauge(
  'optout_reviews_oldest_pending_age_seconds',
  'Age of the oldest pending review since the text was received (0 when none waits); the deadline is 10 business days',
  (reading) => reading.oldestPendingAgeSeconds ?? 0,
);
