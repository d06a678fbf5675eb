import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@optout/contracts';
import { QueueWorkerRunner } from '@optout/queue';
import { ReplySender } from './reply-sender.service';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookFanout } from './webhook-fanout.service';

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
    this.workers.run(QueueName.Replies, (reply) => this.replies.send(reply));
    this.workers.run(QueueName.WebhookEvents, async (event) => {
      await this.fanout.fanOut(event);
    });
    // Many at once: most of a delivery is waiting on someone else's server.
    this.workers.run(
      QueueName.WebhookDeliveries,
      (delivery, job) => this.deliverer.deliver(delivery.deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
      { concurrency: 50 },
    );
  }
}
