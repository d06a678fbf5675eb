import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES, JobOf, QueueName } from '@optout/contracts';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { correlationFieldsOf } from '@optout/observability';
import { defaultJobOptions } from './queue-job-options';
import { PRODUCER_REDIS } from './queue.tokens';
import type { RedisClient } from './redis-connection.factory';
import { ReplicaWait } from './replica-wait';

export interface EnqueueOptions {
  /** Required: every job's id derives from what it is about (see job-ids.util.ts). */
  jobId: string;
  delayMs?: number;
}

/** The one way to put work on a queue: the queue name fixes the payload type. */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly logger = new Logger('JobProducer');
  private readonly replicaWait: ReplicaWait;
  /** Any key in the queues' slot (the prefix is a hash tag): where WAIT is sent after an add. */
  private readonly queueSlotKey: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PRODUCER_REDIS) private readonly connection: RedisClient,
  ) {
    this.replicaWait = new ReplicaWait(config);
    this.queueSlotKey = `${config.queuePrefix}:replication`;
  }

  /**
   * Resolves once Redis has the job — and, on a cluster, its master's replica too
   * (REDIS_WAIT_REPLICAS): callers may then acknowledge.
   */
  async enqueue<Q extends QueueName>(queue: Q, payload: JobOf<Q>, options: EnqueueOptions): Promise<void> {
    await this.queue(queue).add(queue, payload, { jobId: options.jobId, delay: options.delayMs });
    await this.replicaWait.afterWrite(this.connection, this.queueSlotKey);
    this.logQueued(queue, [options.jobId], [payload]);
  }

  async enqueueMany<Q extends QueueName>(queue: Q, jobs: Array<{ payload: JobOf<Q>; jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queue).addBulk(jobs.map((job) => ({ name: queue, data: job.payload, opts: { jobId: job.jobId } })));
    await this.replicaWait.afterWrite(this.connection, this.queueSlotKey);
    this.logQueued(queue, jobs.map((job) => job.jobId), jobs.map((job) => job.payload));
  }

  /**
   * One line per add: with the worker's "job done" lines it is the trail of a correlation id
   * (inside a job, the id of the job being processed is on the line too, so a child job, such
   * as a webhook delivery, is linked to the message that caused it).
   */
  private logQueued(queue: QueueName, jobIds: string[], payloads: unknown[]): void {
    const own = correlationFieldsOf({ messages: payloads.flatMap((payload) => ('messages' in (payload as object) ? (payload as { messages: unknown[] }).messages : [payload])) });
    this.logger.log({ msg: `${queue} job${jobIds.length > 1 ? 's' : ''} queued`, queuedJobIds: jobIds, ...own });
  }

  /** A BullMQ Queue handle (for the dashboard and health); created once per name. */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.queuePrefix,
        defaultJobOptions: defaultJobOptions(name, this.config.webhookRetryDelaysMs, this.config.keepCompletedSeconds, this.config.inboundKeepCompletedSeconds),
      });
      queue.on('error', () => undefined); // surfaced through the failed add instead
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return ALL_QUEUE_NAMES.map((name) => this.queue(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
