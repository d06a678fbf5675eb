/** What BullMQ's `Queue.getMetrics(type, 0, n)` returns (per-minute counts kept by the workers). */
export interface BullMetrics {
  meta: { count: number; prevTS: number; prevCount: number };
  /** Counts of whole minutes, newest first, ending with the minute before `prevTS`'s. */
  data: number[];
}

const MINUTE = 60_000;

/**
 * Jobs finished in each of the last `minutes` whole minutes before `now`, newest first.
 *
 * BullMQ's workers count finished jobs in Redis: `meta.count` is the running total,
 * `prevTS`/`prevCount` mark where the current minute's bucket started, and `data` holds the
 * closed buckets, pushed only when a job finishes in a later minute (the gaps are filled
 * with zeros then). So the last whole minute may still be the open bucket (`count -
 * prevCount`), and a queue that went quiet has closed no bucket since: both are read here
 * rather than trusting `data[0]`. The minute still running is never reported (it is partial).
 */
export function finishedPerMinute(metrics: BullMetrics, now: number, minutes: number): number[] {
  const counts = new Array<number>(minutes).fill(0);
  const { count, prevTS, prevCount } = metrics.meta;
  if (!prevTS) return counts;
  const current = Math.floor(now / MINUTE);
  const bucket = Math.floor(prevTS / MINUTE);
  const byMinute = new Map<number, number>([[bucket, count - prevCount]]);
  metrics.data.forEach((value, index) => byMinute.set(bucket - 1 - index, value));
  for (let back = 0; back < minutes; back++) counts[back] = byMinute.get(current - 1 - back) ?? 0;
  return counts;
}
