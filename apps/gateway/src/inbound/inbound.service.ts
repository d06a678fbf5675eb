import { Injectable } from '@nestjs/common';
import { InboundMessage, QueueName } from '@optout/contracts';
import { AccountRepository } from '@optout/database';
import { normalisePhone, normaliseSender } from '@optout/phone';
import { jobIds, JobProducer } from '@optout/queue';
import { ApiException } from '../http/api.exception';
import { InboundMessageDto } from './inbound-message.dto';

@Injectable()
export class InboundService {
  constructor(
    private readonly producer: JobProducer,
    private readonly accounts: AccountRepository,
  ) {}

  /**
   * Validates, normalises and queues one message. Resolves only once Redis holds it: the
   * carrier's 2xx means "you may forget this message", so it must never come before.
   */
  async accept(callerAccountId: string, dto: InboundMessageDto): Promise<{ id: string }> {
    if (dto.accountId.toLowerCase() !== callerAccountId) throw ApiException.notFound(`Account ${dto.accountId}`);
    const account = await this.accounts.findById(callerAccountId);
    if (!account) throw ApiException.notFound(`Account ${dto.accountId}`);

    const from = normalisePhone(dto.from, account.defaultCountry);
    const to = normaliseSender(dto.to, account.defaultCountry);
    const problems = [
      ...(from.ok ? [] : [{ field: 'from', rule: 'phone_number', message: `from ${from.reason}` }]),
      ...(to.ok ? [] : [{ field: 'to', rule: 'phone_number', message: `to ${to.reason}` }]),
    ];
    if (!from.ok || !to.ok) throw ApiException.validation(problems);

    const jobId = jobIds.inboundMessage(callerAccountId, dto.messageId);
    const now = new Date().toISOString();
    const message: InboundMessage = {
      accountId: callerAccountId,
      messageId: dto.messageId,
      from: from.e164,
      to: to.e164,
      body: dto.body,
      receivedAt: dto.receivedAt ? new Date(dto.receivedAt).toISOString() : now,
      acceptedAt: now,
      correlationId: jobId,
    };
    try {
      await this.producer.enqueue(QueueName.Inbound, { v: 1, messages: [message] }, { jobId });
    } catch (error) {
      throw new ApiException(503, 'queue_unavailable', `The message was not accepted; retry later (${(error as Error).message})`, [], {
        'retry-after': '1',
      });
    }
    return { id: jobId };
  }
}
