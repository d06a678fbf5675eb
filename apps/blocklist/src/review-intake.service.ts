import { Injectable } from '@nestjs/common';
import { reviewDeadline } from '@optout/compliance';
import { ClassifiedMessage, QueueName, REVIEW_REQUESTED_EVENT, ReviewRequestedData } from '@optout/contracts';
import { RevocationReviewEntity, RevocationReviewRepository } from '@optout/database';
import { jobIds, JobProducer } from '@optout/queue';

/**
 * A text a person should look at (`reasonable` revocation mode, `kind: "review"`): written to
 * the review queue once per (account, message id), and announced with the webhook event
 * `consent.review_requested`. Nothing changes at the gate until someone decides. A retried
 * job finds the same row and queues the same webhook job id, which BullMQ ignores.
 */
@Injectable()
export class ReviewIntake {
  constructor(
    private readonly reviews: RevocationReviewRepository,
    private readonly producer: JobProducer,
  ) {}

  async take(message: ClassifiedMessage): Promise<RevocationReviewEntity> {
    const receivedAt = new Date(message.receivedAt);
    const { review } = await this.reviews.createOnce({
      accountId: message.accountId,
      sourceMessageId: message.messageId,
      phone: message.from,
      sender: message.to,
      body: message.body ?? '',
      rule: message.rule ?? 'unknown',
      language: message.language,
      country: message.country,
      profileVersion: message.profileVersion,
      receivedAt,
      deadline: reviewDeadline(receivedAt),
      correlationId: message.correlationId,
    });
    const data: ReviewRequestedData = {
      eventId: review.id,
      accountId: review.accountId,
      phone: review.phone,
      sender: review.sender,
      body: review.body,
      rule: review.rule,
      language: review.language,
      messageId: review.sourceMessageId,
      receivedAt: review.receivedAt.toISOString(),
      deadline: review.deadline.toISOString(),
    };
    await this.producer.enqueue(
      QueueName.WebhookEvents,
      { v: 1, type: REVIEW_REQUESTED_EVENT, occurredAt: review.createdAt.toISOString(), data, correlationId: message.correlationId },
      { jobId: jobIds.webhookEvent(review.id) },
    );
    return review;
  }
}
