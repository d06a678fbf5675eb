import { Injectable, Logger } from '@nestjs/common';
import { describeCarrierError, telnyxErrorSignal, twilioErrorSignal } from '@optout/carriers';
import { InboundMessage, QueueName, ReplyJob } from '@optout/contracts';
import type { CarrierErrorRecord } from '@optout/database';
import { jobIds, JobProducer } from '@optout/queue';

/**
 * A send the carrier refused because the subscriber opted out with the carrier (Twilio 21610,
 * Telnyx 40300) is an opt-out we did not know of. It is queued as an inbound message carrying
 * the carrier's signal, so it takes the same path as a STOP (classifier, ledger with source
 * `carrier`, gate, webhook) and gets no confirmation text: the carrier already sent its own.
 * Its message id derives from the reply's event, so a retried job records it once.
 */
@Injectable()
export class CarrierOptOutReporter {
  private readonly logger = new Logger(CarrierOptOutReporter.name);

  constructor(private readonly producer: JobProducer) {}

  async reportRefusal(carrier: 'twilio' | 'telnyx', error: CarrierErrorRecord, reply: ReplyJob): Promise<void> {
    const signal = carrier === 'twilio' ? twilioErrorSignal(error) : telnyxErrorSignal([{ code: error.code, title: error.message }]);
    if (!signal) return;
    const now = new Date().toISOString();
    const messageId = `${carrier}-refusal:${reply.eventId}`;
    const message: InboundMessage = {
      accountId: reply.accountId,
      messageId,
      from: reply.to,
      to: reply.from,
      body: '',
      receivedAt: now,
      acceptedAt: now,
      correlationId: reply.correlationId,
      carrierConsent: { ...signal, detail: describeCarrierError(carrier === 'twilio' ? 'Twilio' : 'Telnyx', error) },
    };
    await this.producer.enqueue(QueueName.Inbound, { v: 1, messages: [message] }, { jobId: jobIds.inboundMessage(reply.accountId, messageId) });
    this.logger.log(`${carrier} refused reply ${reply.eventId} with ${error.code}: ${reply.to} is recorded as opted out (source carrier)`);
  }
}
