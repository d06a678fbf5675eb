import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.registry';
import { oncePerScrape } from './once-per-scrape.util';

/** Job counts of one queue at one moment, as BullMQ reports them. */
export interface QueueDepth {
  queue: string;
  counts: Record<string, number>;
  /** Seconds since the oldest waiting job was added; null when nothing waits. */
  oldestWaitingAgeSeconds: number | null;
}

/** Whoever can read the queues of this process (libs/runtime registers one per app). */
export type QueueDepthSource = () => Promise<QueueDepth[]>;

const sources = new Set<QueueDepthSource>();

/** Adds a source of queue depths for scrapes; returns how to remove it (on shutdown). */
export function registerQueueDepthSource(source: QueueDepthSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

async function readAll(): Promise<QueueDepth[]> {
  const results = await Promise.allSettled([...sources].map((source) => source()));
  return results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
}

// Both gauges are read from Redis when Prometheus scrapes, never kept in memory: they are
// properties of the shared queues, so every process reports the same values (aggregate with
// max by (queue, state) across instances).
/** One Redis read serves both gauges of a scrape. */
const readOnce = oncePerScrape(readAll);

export const queueJobs = new Gauge({
  name: 'optout_queue_jobs',
  help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed, completed = retained), read on scrape',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const depth of await readOnce()) {
      for (const [state, count] of Object.entries(depth.counts)) this.set({ queue: depth.queue, state }, count);
    }
  },
});

export const queueOldestWaitingAgeSeconds = new Gauge({
  name: 'optout_queue_oldest_waiting_age_seconds',
  help: 'Age of the oldest waiting job of each queue (0 when none waits), read on scrape',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const depth of await readOnce()) this.set({ queue: depth.queue }, depth.oldestWaitingAgeSeconds ?? 0);
  },
});
