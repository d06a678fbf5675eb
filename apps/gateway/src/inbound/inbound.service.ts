import { Injectable } from '@nestjs/common';
import { CarrierConsentSignal, InboundMessage, messageOf, UnavailableError } from '@optout/contracts';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ApiErrorDetail, ApiException } from '../http/api.exception';
import { buildInboundMessage } from './inbound-message.factory';
import { InboundMessageBody, inboundMessageProblems } from './inbound-message.rules';
import { InboundBackpressure } from './inbound-backpressure.service';
import { InboundBatcher } from './inbound-batcher.service';

export interface BatchResult {
  accepted: number;
  rejected: Array<{ index: number; error: { code: string; message: string; details: ApiErrorDetail[] } }>;
}

@Injectable()
export class InboundService {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly batcher: InboundBatcher,
    private readonly backpressure: InboundBackpressure,
  ) {}

  /**
   * Validates, normalises and queues one message. Resolves only once Redis holds it: the
   * carrier's 2xx means "you may forget this message", so it must never come before.
   * The carrier webhooks (apps/gateway/src/carriers) come through here too, with what the
   * carrier itself made of the message (`carrierConsent`), so every rule of ingestion holds for them.
   */
  async accept(callerAccountId: string, dto: InboundMessageBody, carrierConsent?: CarrierConsentSignal): Promise<{ id: string }> {
    this.backpressure.assertCapacity();
    const defaultCountry = await this.defaultCountryOf(callerAccountId, dto.accountId);
    const built = buildInboundMessage(callerAccountId, defaultCountry, dto, new Date(), carrierConsent);
    if (!built.ok) throw ApiException.validation(built.problems);
    await this.queue(() => this.batcher.submit(built.message));
    return { id: built.message.correlationId };
  }

  /** Valid messages are queued together as one job; each invalid one is listed with its index and reason. */
  async acceptBatch(callerAccountId: string, items: unknown[]): Promise<BatchResult> {
    this.backpressure.assertCapacity();
    const defaultCountry = await this.defaultCountryOf(callerAccountId, callerAccountId);
    const now = new Date();
    const valid: InboundMessage[] = [];
    const rejected: BatchResult['rejected'] = [];
    items.forEach((item, index) => {
      const problems = validateItem(item);
      if (problems.length > 0) {
        rejected.push({ index, error: { code: 'validation_failed', message: problems[0].message, details: problems } });
        return;
      }
      const dto = item as InboundMessageBody;
      if (dto.accountId.toLowerCase() !== callerAccountId) {
        rejected.push({ index, error: { code: 'not_found', message: `Account ${dto.accountId} was not found`, details: [] } });
        return;
      }
      const built = buildInboundMessage(callerAccountId, defaultCountry, dto, now);
      if (built.ok) valid.push(built.message);
      else rejected.push({ index, error: { code: 'validation_failed', message: built.problems[0].message, details: built.problems } });
    });
    if (valid.length > 0) await this.queue(() => this.batcher.send(valid));
    return { accepted: valid.length, rejected };
  }

  private async defaultCountryOf(callerAccountId: string, requestedAccountId: string): Promise<string | null> {
    if (requestedAccountId.toLowerCase() !== callerAccountId) throw ApiException.notFound(`Account ${requestedAccountId}`);
    const account = await this.accounts.find(callerAccountId);
    if (!account) throw ApiException.notFound(`Account ${requestedAccountId}`);
    return account.defaultCountry;
  }

  private async queue(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      throw new UnavailableError('queue_unavailable', `Not accepted: the queue could not be written (${messageOf(error)}); retry later`, 1, { cause: error });
    }
  }
}

/** Each item by the same rules as a single message, its details named without the item's index (the rejection carries it). */
function validateItem(item: unknown): ApiErrorDetail[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [{ rule: 'is_object', message: 'each message must be a JSON object' }];
  }
  return inboundMessageProblems(item);
}
