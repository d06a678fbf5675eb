import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ReplyJob } from '@optout/contracts';
import { ConsentStateRepository, ReplyDeliveryRepository, ReplyTransportEntity, ReplyTransportRepository, TwilioCredentialRepository } from '@optout/database';
import { RetryAfterError } from '@optout/queue';
import { judgeAttempt } from './delivery-outcome.util';
import { Postpone } from './delivery-step';
import { EndpointSlots } from './endpoint-slots.util';
import { OutboundHttpClient, OutboundRequest } from './outbound-http.client';
import { replyWithheldReason } from './reply-consent.util';
import { httpReplyRequest, twilioReplyRequest } from './reply-request.util';

/**
 * Sends one confirmation text through the account's reply transport, with the webhooks'
 * rules: the same retry schedule, every attempt recorded, the target checked when connecting.
 * Throws to retry.
 */
@Injectable()
export class ReplySender {
  private readonly logger = new Logger(ReplySender.name);

  constructor(
    private readonly transports: ReplyTransportRepository,
    private readonly twilioCredentials: TwilioCredentialRepository,
    private readonly replies: ReplyDeliveryRepository,
    private readonly consentStates: ConsentStateRepository,
    private readonly http: OutboundHttpClient,
    private readonly slots: EndpointSlots,
  ) {}

  /** `lastAttempt`: no retry follows a failure of this one, so it is dead-lettered. */
  async send(reply: ReplyJob, lastAttempt: boolean): Promise<Postpone | void> {
    // One transport per account: the account is the endpoint whose slots are counted.
    const slotKey = `reply:${reply.accountId}`;
    const slot = this.slots.tryAcquire(slotKey);
    if (!slot.acquired) return { postponeMs: slot.retryInMs };
    let answeredWell = true;
    try {
      const record = await this.replies.createOnce({
        accountId: reply.accountId,
        eventId: reply.eventId,
        kind: reply.kind,
        toPhone: reply.to,
        fromSender: reply.from,
      });
      if (record.status !== 'pending' && record.status !== 'failed') return;

      const transport = await this.transports.find(reply.accountId);
      if (!transport) {
        this.logger.warn(`account ${reply.accountId} has no reply transport; ${reply.kind} confirmation for event ${reply.eventId} not sent`);
        await this.replies.suppress(record.id, 'not sent: the account has no reply transport');
        // metrics: reply suppressed (no transport)
        return;
      }
      const outbound = await this.requestFor(transport, reply);
      if (!outbound) {
        await this.replies.markDead(record.id, 'not sent: the Twilio transport has no credentials; PUT the reply transport again');
        // metrics: reply dead-lettered without an attempt (no credentials)
        return;
      }

      // Read just before sending: a STOP applied since this reply was queued still wins.
      const withheld = replyWithheldReason(reply.kind, reply.to, await this.consentStates.find(reply.accountId, reply.to));
      if (withheld) {
        await this.replies.suppress(record.id, withheld);
        // metrics: reply suppressed (subscriber opted out)
        return;
      }

      const attemptedAt = new Date();
      const result = await this.http.post(outbound);
      const verdict = judgeAttempt(result, lastAttempt);
      answeredWell = verdict.endpointHealthy;
      await this.replies.recordAttempt(record.id, transport.config.type, {
        status: verdict.status,
        attemptedAt,
        responseCode: result.status,
        latencyMs: result.latencyMs,
        error: verdict.error,
      });
      // metrics: reply attempt outcome known here — verdict.status (succeeded|failed|dead), transport.config.type, result.latencyMs

      if (verdict.status === 'succeeded') return;
      // A reply transport answering 410 is not disabled: that would silently stop every
      // opt-out confirmation of the account. The reply is dead-lettered like any other 4xx.
      const what = `${reply.kind} reply ${reply.eventId} via ${transport.config.type} (${outbound.url}): ${verdict.error}`;
      if (verdict.status === 'dead') {
        this.logger.warn(`${what}; dead-lettered`);
        throw new UnrecoverableError(what);
      }
      throw new RetryAfterError(what, verdict.retryAfterMs ?? 0);
    } finally {
      this.slots.release(slotKey, answeredWell);
    }
  }

  private async requestFor(transport: ReplyTransportEntity, reply: ReplyJob): Promise<OutboundRequest | null> {
    if (transport.config.type === 'http') return httpReplyRequest(transport.config.url, reply);
    const credentials = await this.twilioCredentials.findForAccount(reply.accountId);
    return credentials ? twilioReplyRequest(credentials, reply) : null;
  }
}
