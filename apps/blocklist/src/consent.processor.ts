import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConsentApplier, decisionOfText } from '@optout/consent';
import { ConsentJob, QueueName } from '@optout/contracts';
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
  ) {}

  onApplicationBootstrap(): void {
    this.workers.run(QueueName.Consent, (payload) => this.process(payload));
  }

  async process(payload: ConsentJob): Promise<void> {
    for (const message of payload.messages) await this.consent.applyDecision(decisionOfText(message));
  }
}
