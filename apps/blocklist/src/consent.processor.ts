import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConsentJob, QueueName } from '@optout/contracts';
import { QueueWorkerRunner } from '@optout/queue';
import { ConsentApplier } from './consent-applier.service';

/**
 * consent → ledger, state, gate cache, replies, webhooks. Messages of one job are applied in
 * order; any failure fails the job, and the retry skips what was already applied.
 */
@Injectable()
export class ConsentProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkerRunner,
    private readonly applier: ConsentApplier,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.run(QueueName.Consent, (payload) => this.process(payload));
  }

  async process(payload: ConsentJob): Promise<void> {
    for (const message of payload.messages) await this.applier.apply(message);
  }
}
