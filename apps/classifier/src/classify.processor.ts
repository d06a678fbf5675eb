import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InboundJob, QueueName } from '@optout/contracts';
import { jobIds, JobProducer, QueueWorkerRunner } from '@optout/queue';
import { InboundClassifier } from './inbound-classifier.service';

/**
 * inbound → consent. Thin: classify, pass the matches on. The consent job's id derives from
 * the inbound job's, so a retried classification produces the same job, once.
 */
@Injectable()
export class ClassifyProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly workers: QueueWorkerRunner,
    private readonly producer: JobProducer,
    private readonly classifier: InboundClassifier,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.run(QueueName.Inbound, (payload, job) => this.process(payload, job.id ?? ''));
  }

  async process(payload: InboundJob, jobId: string): Promise<void> {
    const matched = await this.classifier.classify(payload.messages);
    if (matched.length === 0) return;
    await this.producer.enqueue(QueueName.Consent, { v: 1, messages: matched }, { jobId: jobIds.consentOf(jobId) });
  }
}
