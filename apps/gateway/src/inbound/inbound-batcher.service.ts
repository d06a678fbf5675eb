import { hash } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { InboundMessage, QueueName } from '@optout/contracts';
import { JobProducer } from '@optout/queue';

interface Pending {
  message: InboundMessage;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Micro-batching of single inbound requests. One BullMQ job costs about as much as
 * classifying a message, so concurrent requests arriving within a few milliseconds share one
 * job. Each request still resolves only after *its* job is in Redis (the carrier's 2xx means
 * "you may forget it"), and a failed add fails every request of the batch. Messages keep
 * their arrival order inside a batch, so one subscriber's texts are never reordered by it.
 */
@Injectable()
export class InboundBatcher implements OnApplicationShutdown {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
  ) {}

  submit(message: InboundMessage): Promise<void> {
    if (this.config.inboundBatchWindowMs === 0) return this.send([message]);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
      if (this.pending.length >= this.config.inboundBatchMaxMessages) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.config.inboundBatchWindowMs);
    });
  }

  /** Queues many messages as one job right away (a batch request is already a batch). */
  send(messages: InboundMessage[]): Promise<void> {
    return this.producer.enqueue(QueueName.Inbound, { v: 1, messages }, { jobId: batchJobId(messages) });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const sent = this.send(batch.map((entry) => entry.message)).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: Error) => batch.forEach((entry) => entry.reject(error)),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** On shutdown, what is waiting is sent, and what is being sent is awaited: no accepted request is dropped. */
  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }
}

/**
 * The same messages make the same job id, so a whole request retried while its first job is
 * still retained is ignored by BullMQ; anything else is caught by the ledger's unique key.
 */
function batchJobId(messages: InboundMessage[]): string {
  if (messages.length === 1) return messages[0].correlationId;
  // The same bytes as hashing each message's "account\0id\n" in turn (ids of jobs already
  // queued stay valid), in one call rather than four per message.
  let input = '';
  for (const message of messages) input += `${message.accountId}\0${message.messageId}\n`;
  return `ib-${hash('sha256', input, 'base64url').slice(0, 32)}`;
}
