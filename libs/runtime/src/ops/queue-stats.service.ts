import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueDepth, registerQueueDepthSource } from '@optout/observability';
import { JobProducer, PRODUCER_REDIS, RedisClient } from '@optout/queue';
import { finishedPerMinute } from './finished-per-minute.util';

/** The JSON of one queue in /ops/queues/health. */
export interface QueueHealth {
  /** Ready to run, waiting for a worker. */
  waiting: number;
  /** Being processed now. */
  active: number;
  /** Waiting for their time: retries in backoff, delayed jobs. */
  delayed: number;
  prioritized: number;
  /** Failed for good and kept (two weeks) for an operator to retry. */
  failed: number;
  /** Completed and still retained (an hour); not a rate. */
  completedRetained: number;
  /** Jobs completed during the last whole minute (the minute running now is not counted). */
  completedPerMinute: number;
  /** Jobs that failed for good during the last whole minute. */
  failedPerMinute: number;
  /** Average completions per minute over the last 15 whole minutes. */
  completedPerMinuteAvg15m: number;
  /** Seconds since the oldest waiting job was added to the queue; null when none waits. */
  oldestWaitingAgeSeconds: number | null;
  /** BullMQ workers connected to this queue (one per worker process); null when Redis refuses CLIENT LIST. */
  workers: number | null;
  paused: boolean;
}

/**
 * Reads each queue's state from Redis for the health endpoint and for the depth gauges of
 * /metrics. Nothing is counted in process memory: every gateway replica and every worker
 * sees the same numbers, from the same Redis.
 */
@Injectable()
export class QueueStats implements OnModuleInit, OnApplicationShutdown {
  private unregister: () => void = () => undefined;

  constructor(
    private readonly producer: JobProducer,
    @Inject(PRODUCER_REDIS) private readonly redis: RedisClient,
  ) {}

  onModuleInit(): void {
    this.unregister = registerQueueDepthSource(() => this.depths());
  }

  onApplicationShutdown(): void {
    this.unregister();
  }

  async health(now = Date.now()): Promise<Record<string, QueueHealth>> {
    const entries = await Promise.all(this.producer.allQueues().map(async (queue) => [queue.name, await this.healthOf(queue, now)] as const));
    return Object.fromEntries(entries);
  }

  async depths(now = Date.now()): Promise<QueueDepth[]> {
    return Promise.all(
      this.producer.allQueues().map(async (queue) => {
        const [counts, oldest] = await Promise.all([
          queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
          this.oldestWaitingTimestamp(queue),
        ]);
        return { queue: queue.name, counts, oldestWaitingAgeSeconds: ageSeconds(oldest, now) };
      }),
    );
  }

  private async healthOf(queue: Queue, now: number): Promise<QueueHealth> {
    const [counts, completed, failed, oldest, workers, paused] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
      queue.getMetrics('completed', 0, 15),
      queue.getMetrics('failed', 0, 1),
      this.oldestWaitingTimestamp(queue),
      // CLIENT LIST may be disabled on a managed Redis: the count is then unknown, not zero.
      queue.getWorkersCount().catch(() => null),
      queue.isPaused(),
    ]);
    const completedByMinute = finishedPerMinute(completed, now, 15);
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      failed: counts.failed ?? 0,
      completedRetained: counts.completed ?? 0,
      completedPerMinute: completedByMinute[0],
      failedPerMinute: finishedPerMinute(failed, now, 1)[0],
      completedPerMinuteAvg15m: Math.round((completedByMinute.reduce((sum, n) => sum + n, 0) / 15) * 10) / 10,
      oldestWaitingAgeSeconds: ageSeconds(oldest, now),
      workers,
      paused,
    };
  }

  /**
   * When the job at the head of the wait list (the next to run, the oldest) was added. Only
   * its `timestamp` field is read: a batch job's data can be large.
   */
  private async oldestWaitingTimestamp(queue: Queue): Promise<number | null> {
    const ids = await queue.getRanges(['wait'], 0, 2, true);
    if (ids.length === 0) return null;
    for (const id of ids) {
      const timestamp = await this.redis.hget(queue.toKey(id), 'timestamp');
      if (timestamp) return Number(timestamp);
    }
    return null;
  }
}

function ageSeconds(timestamp: number | null, now: number): number | null {
  return timestamp === null ? null : Math.max(0, Math.round((now - timestamp) / 100) / 10);
}
