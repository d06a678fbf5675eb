import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { QueueName } from '@optout/contracts';
import { QueueWorkerRunner } from '@optout/queue';
import { Postpone } from './delivery-step';
import { ReplySender } from './reply-sender.service';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookFanout } from './webhook-fanout.service';

/**
 * Many jobs at once for deliveries and replies: most of each is waiting on someone else's
 * server. Endpoint slots (endpoint-slots.util.ts) keep one endpoint from taking them all.
 */
const DELIVERY_CONCURRENCY = 50;

/** The dispatcher's three queues. Thin: each hands its payload to one service and lets errors retry. */
@Injectable()
export class DispatchProcessors implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkerRunner,
    private readonly replies: ReplySender,
    private readonly fanout: WebhookFanout,
    private readonly deliverer: WebhookDeliverer,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.run(QueueName.Replies, async (reply, job) => postponeIfAsked(job, await this.replies.send(reply, isLastAttempt(job))), {
      concurrency: DELIVERY_CONCURRENCY,
    });
    this.workers.run(QueueName.WebhookEvents, async (event) => {
      await this.fanout.fanOut(event);
    });
    this.workers.run(
      QueueName.WebhookDeliveries,
      async (delivery, job) => postponeIfAsked(job, await this.deliverer.deliver(delivery.deliveryId, isLastAttempt(job))),
      { concurrency: DELIVERY_CONCURRENCY },
    );
  }
}

/** No retry follows a failure of this attempt. */
function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** Puts the job back for later without spending an attempt (BullMQ's manual delay). */
async function postponeIfAsked(job: Job, step: Postpone | void): Promise<void> {
  if (!step) return;
  await job.moveToDelayed(Date.now() + step.postponeMs, job.token);
  throw new DelayedError();
}
