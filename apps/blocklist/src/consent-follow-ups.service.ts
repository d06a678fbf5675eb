import { Injectable } from '@nestjs/common';
import { ClassifiedMessage, EVENT_TYPE_BY_KIND, OPT_OUT_TYPE_BY_KIND, QueueName } from '@optout/contracts';
import { ConsentEventEntity } from '@optout/database';
import { jobIds, JobProducer } from '@optout/queue';

/**
 * What follows a recorded match: the confirmation text and the webhook event. Job ids derive
 * from the ledger event id, so doing this twice (a retry after a crash) queues each once.
 */
@Injectable()
export class ConsentFollowUps {
  constructor(private readonly producer: JobProducer) {}

  async publish(event: ConsentEventEntity, message: ClassifiedMessage): Promise<void> {
    if (message.reply) {
      await this.producer.enqueue(
        QueueName.Replies,
        {
          v: 1,
          eventId: event.id,
          accountId: event.accountId,
          kind: event.kind,
          to: event.phone,
          from: event.sender,
          body: message.reply,
          correlationId: message.correlationId,
        },
        { jobId: jobIds.reply(event.id) },
      );
    }
    await this.producer.enqueue(
      QueueName.WebhookEvents,
      {
        v: 1,
        type: EVENT_TYPE_BY_KIND[event.kind],
        occurredAt: event.appliedAt.toISOString(),
        data: {
          eventId: event.id,
          accountId: event.accountId,
          phone: event.phone,
          sender: event.sender,
          keyword: event.keyword,
          language: event.language,
          country: event.country,
          messageId: event.sourceMessageId,
          receivedAt: event.receivedAt.toISOString(),
          optOutType: OPT_OUT_TYPE_BY_KIND[event.kind],
        },
        correlationId: message.correlationId,
      },
      { jobId: jobIds.webhookEvent(event.id) },
    );
  }
}
