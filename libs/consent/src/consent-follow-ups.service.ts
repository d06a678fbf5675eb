import { Inject, Injectable } from '@nestjs/common';
import { smsSegments } from '@optout/compliance';
import { APP_CONFIG, AppConfig, keyPrefixOf } from '@optout/config';
import { QueueName } from '@optout/contracts';
import { ConsentEventEntity } from '@optout/database';
import { jobIds, JobProducer, PRODUCER_REDIS, RedisClient } from '@optout/queue';
import type { ConfirmationReply } from './consent-decision';
import { webhookEventOf } from './consent-webhook.util';
import { ReplyLoopGuard } from './reply-loop-guard';

/**
 * What follows a recorded decision: the confirmation text (when it has one) and the webhook
 * event. Job ids derive from the ledger event id, so doing this twice (a retry after a crash)
 * queues each once. The loop guard may hold the text back (same kind to the same subscriber
 * within 10 minutes); it never holds back the webhook: the business's records need every
 * applied event.
 */
@Injectable()
export class ConsentFollowUps {
  private readonly loopGuard: ReplyLoopGuard;

  constructor(
    private readonly producer: JobProducer,
    @Inject(PRODUCER_REDIS) redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.loopGuard = new ReplyLoopGuard(redis, keyPrefixOf(config));
  }

  async publish(event: ConsentEventEntity, reply: ConfirmationReply | null, correlationId: string): Promise<void> {
    let replyStatus: 'queued' | 'withheld' | 'none' = 'none';
    if (reply) replyStatus = (await this.loopGuard.claim(event)) ? 'queued' : 'withheld';
    if (reply && replyStatus === 'queued') {
      await this.producer.enqueue(
        QueueName.Replies,
        { v: 1, eventId: event.id, accountId: event.accountId, kind: event.kind, to: event.phone, from: event.sender, body: reply.body, correlationId },
        { jobId: jobIds.reply(event.id) },
      );
    }
    // Consent jobs queued before the classifier sent segments lack them: priced here instead.
    const segments = reply ? (reply.segments ?? smsSegments(reply.body)) : null;
    await this.producer.enqueue(QueueName.WebhookEvents, webhookEventOf(event, correlationId, { segments, status: replyStatus }), {
      jobId: jobIds.webhookEvent(event.id),
    });
  }
}
