import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job, MetricsTime, UnrecoverableError, Worker } from 'bullmq';
import { JobOf, QueueName } from '@optout/contracts';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { isDatabaseUnavailable } from '@optout/database';
import { correlationFieldsOf, jobDurationSeconds, withLogContext } from '@optout/observability';
import { workerConnection } from './redis-connection.factory';
import { SCHEDULE_BACKOFF } from './queue-job-options';
import { scheduledDelay } from './retry-schedule.util';

export type JobHandler<Q extends QueueName> = (payload: JobOf<Q>, job: Job<JobOf<Q>>) => Promise<void>;

/**
 * Starts BullMQ workers with the same wiring everywhere: prefix, connection, concurrency,
 * the retry schedule, a payload-version check, error listeners, and a graceful close that
 * lets active jobs finish on shutdown (unfinished ones are picked up again as stalled).
 */
@Injectable()
export class QueueWorkerRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkerRunner.name);
  private readonly workers: Worker[] = [];
  /** Per queue: when an outage postponement was last logged, and how many since. */
  private readonly outageLog = new Map<string, { loggedAt: number; since: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  run<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, options: { concurrency?: number } = {}): Worker {
    // On a cluster: a lazy client that BullMQ duplicates (and closes the copies of) — never connected itself.
    const connection = workerConnection(this.config, `optout-worker-${queue}`);
    const worker = new Worker<JobOf<Q>>(
      queue,
      // Every log line written during the job carries its queue, id and correlation id(s).
      (job) => withLogContext({ queue, jobId: job.id, ...correlationFieldsOf(job.data) }, () => this.timed(queue, job, handler)),
      {
        connection,
        prefix: this.config.queuePrefix,
        concurrency: options.concurrency ?? this.config.workerConcurrency,
        maxStalledCount: MAX_STALLED_COUNT,
        // Per-minute completed/failed counts kept in Redis (an hour of them), read by /ops/queues/health.
        metrics: { maxDataPoints: MetricsTime.ONE_HOUR },
        settings: {
          backoffStrategy: (attemptsMade: number, type?: string, error?: Error) =>
            type === SCHEDULE_BACKOFF ? scheduledDelay(attemptsMade, this.config.webhookRetryDelaysMs, error) : 0,
        },
      },
    );
    worker.on('error', (error) => this.logger.error(`${queue} worker: ${error.message}`));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      const message = `${queue} job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`;
      const fields = { queue, jobId: job.id, attempt: job.attemptsMade, ...correlationFieldsOf(job.data) };
      if (final) this.logger.error({ msg: `${message} (no more retries)`, ...fields });
      else this.logger.warn({ msg: message, ...fields });
    });
    this.workers.push(worker);
    return worker;
  }

  /** Duration histogram and one log line per finished job: the trail a correlation id follows. */
  private async timed<Q extends QueueName>(queue: Q, job: Job<JobOf<Q>>, handler: JobHandler<Q>): Promise<void> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      if (job.data?.v !== 1) throw new UnrecoverableError(`${queue} job ${job.id} has payload version ${String(job.data?.v)}; this worker reads v1`);
      await this.waitingOutDatabaseOutage(queue, job, () => handler(job.data, job));
    } catch (error) {
      // A job put back for later (DelayedError) has not failed: it spent no attempt.
      jobDurationSeconds.observe({ queue, outcome: error instanceof DelayedError ? 'postponed' : 'failed' }, seconds());
      throw error;
    }
    const duration = seconds();
    jobDurationSeconds.observe({ queue, outcome: 'completed' }, duration);
    this.logger.log({ msg: `${queue} job done`, attempt: job.attemptsMade + 1, durationMs: Math.round(duration * 1000) });
  }

  /**
   * A job that failed because Postgres could not be reached is put back for
   * DATABASE_OUTAGE_PAUSE_MS without spending an attempt: an outage is nobody's fault at the
   * job, and must neither use up a reply's short endpoint-facing schedule nor, however long it
   * lasts, fail a consent job for good. Work resumes within that pause of Postgres coming back.
   */
  private async waitingOutDatabaseOutage<Q extends QueueName>(queue: Q, job: Job<JobOf<Q>>, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || !job.token) throw error;
      this.logOutage(queue, (error as Error).message);
      await job.moveToDelayed(Date.now() + DATABASE_OUTAGE_PAUSE_MS, job.token);
      throw new DelayedError();
    }
  }

  /** One line per queue per 10 s, however many jobs are waiting: an outage must not flood the logs. */
  private logOutage(queue: string, reason: string): void {
    const now = Date.now();
    const seen = this.outageLog.get(queue) ?? { loggedAt: 0, since: 0 };
    seen.since += 1;
    if (now - seen.loggedAt >= 10_000) {
      this.logger.warn(`${queue}: Postgres unavailable (${reason}); ${seen.since} job(s) put back for ${DATABASE_OUTAGE_PAUSE_MS / 1000}s without spending an attempt`);
      seen.loggedAt = now;
      seen.since = 0;
    }
    this.outageLog.set(queue, seen);
  }

  /**
   * Before the shutdown hooks close Postgres and the producer connection: active jobs finish
   * with their connections still open; jobs not yet taken stay in the queue for another worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.closeWithin(worker, this.config.webhookTimeoutMs + WORKER_CLOSE_MARGIN_MS)));
  }

  /**
   * A graceful close waits for active jobs, but after Redis has gone away and come back a
   * worker's close can wait forever. Past the grace period it is forced: its unfinished jobs
   * become stalled and another worker takes them over, so nothing is lost, only delayed.
   */
  private async closeWithin(worker: Worker, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = worker.close().then(() => true);
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const closed = await Promise.race([graceful, expired]);
    clearTimeout(timer);
    if (!closed) {
      // BullMQ's close cannot be forced once a graceful one has started: drop the connections
      // and stop waiting for it.
      this.logger.warn(`${worker.name} worker did not close within ${graceMs / 1000}s; disconnecting it (its active jobs will be retried as stalled)`);
      await Promise.race([worker.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  }
}

/** How long a job waits before trying again while Postgres is unreachable. */
export const DATABASE_OUTAGE_PAUSE_MS = 5_000;

/**
 * Active jobs get the longest an outbound call may take (WEBHOOK_TIMEOUT_MS) plus this
 * margin to finish on shutdown, so a slow delivery in flight is not cut off and resent.
 */
const WORKER_CLOSE_MARGIN_MS = 5_000;

/**
 * How many times a job may be found stalled (its worker died or froze while holding it) and
 * still be run again. BullMQ's default, 1, fails a job for good — no retry — the second time
 * a crash catches it, and a crash stalls every job its process held, not only a culprit:
 * two crashes close together lost every STOP of a consent job (test/chaos/stalled-twice).
 * Our jobs are idempotent, so running one again is always safe; the bound is only there so
 * that a job which itself crashes the process ends in the failed set (kept two weeks,
 * retryable from /ops/queues) after ten crash loops of 30–60 s each, instead of forever.
 */
export const MAX_STALLED_COUNT = 10;
