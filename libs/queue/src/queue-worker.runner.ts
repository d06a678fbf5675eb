import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { JobOf, QueueName } from '@optout/contracts';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { workerConnectionOptions } from './redis-connection.factory';
import { SCHEDULE_BACKOFF } from './queue-job-options';
import { scheduledDelay } from './retry-schedule.util';

export type JobHandler<Q extends QueueName> = (payload: JobOf<Q>, job: Job<JobOf<Q>>) => Promise<void>;

/**
 * Starts BullMQ workers with the same wiring everywhere: prefix, connection, concurrency,
 * the retry schedule, a payload-version check, error listeners, and a graceful close that
 * lets active jobs finish on shutdown (unfinished ones are picked up again as stalled).
 */
@Injectable()
export class QueueWorkerRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkerRunner.name);
  private readonly workers: Worker[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  run<Q extends QueueName>(queue: Q, handler: JobHandler<Q>, options: { concurrency?: number } = {}): Worker {
    const worker = new Worker<JobOf<Q>>(
      queue,
      async (job) => {
        if (job.data?.v !== 1) throw new UnrecoverableError(`${queue} job ${job.id} has payload version ${String(job.data?.v)}; this worker reads v1`);
        await handler(job.data, job);
      },
      {
        connection: workerConnectionOptions(this.config.redisUrl),
        prefix: this.config.queuePrefix,
        concurrency: options.concurrency ?? this.config.workerConcurrency,
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
      if (final) this.logger.error(`${message} (no more retries)`);
      else this.logger.warn(message);
    });
    this.workers.push(worker);
    return worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
