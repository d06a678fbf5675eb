import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TWILIO_UNSUBSCRIBED_ERROR, twilioErrorSignal, twilioInboundSignal } from '@optout/carriers';
import { ApiErrorDetail, ApiException } from '../http/api.exception';
import { InboundService } from '../inbound/inbound.service';
import { requiredText, withCarrierFieldNames } from './carrier-ingestion.util';
import { TwilioWebhookVerifier } from './twilio-webhook.verifier';

const TWILIO_FIELD_NAMES = { messageId: 'MessageSid', from: 'From', to: 'To', body: 'Body' };

/**
 * Twilio's two webhooks. Both are checked against `X-Twilio-Signature` and go through
 * `InboundService.accept`, the one ingestion path of `/v1/inbound` with all its rules.
 */
@Injectable()
export class TwilioInboundService {
  constructor(
    private readonly verifier: TwilioWebhookVerifier,
    private readonly inbound: InboundService,
  ) {}

  /**
   * An inbound text. `OptOutType` (set when Twilio's own opt-out handling answered it) is
   * honoured as Twilio classified it, even when no keyword of the account matches.
   */
  async accept(accountId: string, request: FastifyRequest): Promise<void> {
    const { accountId: account, params } = await this.verifier.verify(accountId, request);
    const problems = [requiredText('MessageSid', params.MessageSid, 200), requiredText('From', params.From, 64), requiredText('To', params.To, 64)].filter(
      (problem): problem is ApiErrorDetail => problem !== null,
    );
    if ((params.Body ?? '').length > 1600) problems.push({ field: 'Body', rule: 'max_length', message: 'Body must be at most 1600 characters' });
    if (problems.length > 0) throw ApiException.validation(problems);

    await withCarrierFieldNames(TWILIO_FIELD_NAMES, () =>
      this.inbound.accept(account, { accountId: account, messageId: params.MessageSid, from: params.From, to: params.To, body: params.Body ?? '' }, twilioInboundSignal(params.OptOutType)),
    );
  }

  /**
   * A status callback (`StatusCallback` of a send, or of the Messaging Service). Only
   * `ErrorCode=21610` means anything here: the number is unsubscribed at Twilio, so it is an
   * opt-out (source `carrier`) whichever sender's message found out. Every other status is
   * acknowledged and ignored. Returns whether it was recorded.
   */
  async status(accountId: string, request: FastifyRequest): Promise<'opt_out_recorded' | 'ignored'> {
    const { accountId: account, params } = await this.verifier.verify(accountId, request);
    if (params.ErrorCode !== TWILIO_UNSUBSCRIBED_ERROR) return 'ignored';
    const problems = [requiredText('MessageSid', params.MessageSid, 200), requiredText('From', params.From, 64), requiredText('To', params.To, 64)].filter(
      (problem): problem is ApiErrorDetail => problem !== null,
    );
    if (problems.length > 0) throw ApiException.validation(problems);
    const signal = twilioErrorSignal({ code: TWILIO_UNSUBSCRIBED_ERROR, message: 'Attempt to send to unsubscribed recipient', moreInfo: 'https://www.twilio.com/docs/errors/21610' });
    // The message went from the business (From) to the subscriber (To): the subscriber is the one opted out.
    await withCarrierFieldNames({ ...TWILIO_FIELD_NAMES, from: 'To', to: 'From' }, () =>
      this.inbound.accept(account, { accountId: account, messageId: `twilio-status:${params.MessageSid}`, from: params.To, to: params.From, body: '' }, signal),
    );
    return 'opt_out_recorded';
  }
}
