import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConsentApplier, decisionOfText } from '@optout/consent';
import { ConsentJob, QueueName } from '@optout/contracts';
import { ReviewIntake } from './review-intake.service';
import { QueueWorkerRunner } from '@optout/queue';

/**
 * consent → ledger, state, gate cache, replies, webhooks (libs/consent). Messages of one job
 * are applied in order; any failure fails the job, and the retry skips what was already applied.
 */
@Injectable()
export class ConsentProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkerRunner,
    private readonly consent: ConsentApplier,
    private readonly reviews: ReviewIntake,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.run(QueueName.Consent, (payload) => this.process(payload));
  }

  async process(payload: ConsentJob): Promise<void> {
    for (const message of payload.messages) {
      // A text for the review queue (reasonable revocation mode) changes nothing until someone decides.
      if (message.kind === 'review') await this.reviews.take(message);
      else await this.consent.applyDecision(decisionOfText(message));
    }
  }
}
