import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ReplyJob } from '@optout/contracts';
import {
  AttemptStatus,
  ConsentErasureRepository,
  ConsentStateRepository,
  ReplyDeliveryEntity,
  ReplyDeliveryRepository,
  ReplyTransportRepository,
  ReplyTransportWithCredentials,
} from '@optout/database';
import { ReplyOutcome, repliesTotal } from '@optout/observability';
import { RetryAfterError } from '@optout/queue';
import { judgeAttempt, retryAfterMs } from './delivery-outcome.util';
import { Postpone } from './delivery-step';
import { EndpointSlots } from './endpoint-slots.util';
import { CarrierOptOutReporter } from './carrier-opt-out.reporter';
import { OutboundHttpClient } from './outbound-http.client';
import { currentConsentOf, replyWithheldReason } from './reply-consent.util';
import { httpRoute, ReplyRoute, telnyxRoute, twilioRoute } from './reply-route';

const OUTCOME_OF_VERDICT: Record<AttemptStatus, ReplyOutcome> = { succeeded: 'sent', failed: 'failed', dead: 'dead' };

/** Counted once the outcome is recorded, so that a retry after a failed write does not count twice. */
function countReply(reply: ReplyJob, outcome: ReplyOutcome): void {
  repliesTotal.inc({ kind: reply.kind, outcome });
}

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
    private readonly carrierOptOuts: CarrierOptOutReporter,
    private readonly replies: ReplyDeliveryRepository,
    private readonly consentStates: ConsentStateRepository,
    private readonly suppressions: ConsentErasureRepository,
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

      const found = await this.transports.findWithCredentials(reply.accountId);
      if (!found) {
        this.logger.warn(`account ${reply.accountId} has no reply transport; ${reply.kind} confirmation for event ${reply.eventId} not sent`);
        await this.replies.suppress(record.id, 'not sent: the account has no reply transport');
        countReply(reply, 'suppressed_no_transport');
        return;
      }
      const route = routeFor(found, reply);
      if (!route) {
        await this.replies.markDead(record.id, `not sent: the ${found.type} transport has no credentials; PUT the reply transport again`);
        countReply(reply, 'dead_no_credentials');
        return;
      }

      // Before the consent check: a text that already went out is recorded as sent, whatever changed since.
      if (record.attemptStartedAt) {
        const settled = await this.settleInterruptedAttempt(record, found.type, route, reply, lastAttempt);
        if (settled) return;
      }

      // Read just before sending: a STOP applied since this reply was queued still wins.
      const [state, suppressions] = await Promise.all([this.consentStates.find(reply.accountId, reply.to), this.suppressions.findMany(reply.accountId, [reply.to])]);
      const withheld = replyWithheldReason(reply.kind, reply.to, currentConsentOf(state, suppressions.get(reply.to)));
      if (withheld) {
        await this.replies.suppress(record.id, withheld);
        countReply(reply, 'suppressed_opted_out');
        return;
      }

      const attemptedAt = new Date();
      await this.replies.markAttemptStarted(record.id, attemptedAt);
      const result = await this.http.post(route.send);
      const verdict = judgeAttempt(result, lastAttempt);
      answeredWell = verdict.endpointHealthy;
      const carrierError = verdict.status === 'succeeded' ? null : route.errorOf(result.answer);
      const error = carrierError ? `${verdict.error} (${route.carrier} error ${carrierError.code}${carrierError.message ? `: ${carrierError.message}` : ''})` : verdict.error;
      // The carrier refused because the subscriber opted out with it: that is an opt-out of ours too.
      // Queued before the attempt is recorded, so that a failure here retries the job rather than losing it.
      if (route.carrier && carrierError) await this.carrierOptOuts.reportRefusal(route.carrier, carrierError, reply);
      await this.replies.recordAttempt(
        record.id,
        found.type,
        {
          status: verdict.status,
          attemptedAt,
          responseCode: result.status,
          latencyMs: result.latencyMs,
          error,
        },
        {
          providerMessageId: route.messageIdOf(result.answer),
          // No answer (a timeout, a dropped connection), or a carrier's 5xx, may still have been a send:
          // the mark stays, so the retry looks first.
          outcomeUnknown: (result.status === null && !result.refused) || (route.serverErrorMayHaveSent && result.status !== null && result.status >= 500),
          carrierError,
        },
      );
      countReply(reply, OUTCOME_OF_VERDICT[verdict.status]);

      if (verdict.status === 'succeeded') return;
      // A reply transport answering 410 is not disabled: that would silently stop every
      // opt-out confirmation of the account. The reply is dead-lettered like any other 4xx.
      const what = `${reply.kind} reply ${reply.eventId} via ${found.type} (${route.send.url}): ${error}`;
      if (verdict.status === 'dead') {
        this.logger.warn(`${what}; dead-lettered`);
        throw new UnrecoverableError(what);
      }
      throw new RetryAfterError(what, verdict.retryAfterMs ?? 0);
    } finally {
      this.slots.release(slotKey, answeredWell);
    }
  }

  /** Sending blind could text the subscriber twice: the reply is dead-lettered for the operator to see. */
  private async giveUpInterrupted(record: ReplyDeliveryEntity, reply: ReplyJob, what: string): Promise<void> {
    await this.replies.markDead(record.id, `${what}; not sent again`);
    this.logger.warn(`${what}; dead-lettered`);
    countReply(reply, 'dead');
  }

  /**
   * The job ran before and its attempt was never recorded (the dispatcher died mid-send), got
   * no answer, or got a carrier's 5xx: the text may have gone out. The carrier is asked (Twilio
   * by listing what the number sent, Telnyx by the message id); an `http` transport is sent the
   * same request again, whose idempotency-key lets it drop the repeat.
   * True when the reply is settled (found sent, or given up); false to go on and send.
   */
  private async settleInterruptedAttempt(
    record: ReplyDeliveryEntity,
    transportType: string,
    route: ReplyRoute,
    reply: ReplyJob,
    lastAttempt: boolean,
  ): Promise<boolean> {
    const startedAt = record.attemptStartedAt as Date;
    const lookup = route.lookup(record);
    if (lookup === null) {
      this.logger.warn(`${reply.kind} reply ${reply.eventId}: an earlier attempt (${startedAt.toISOString()}) has no known outcome; sending again with the same idempotency-key`);
      return false;
    }
    const carrierName = route.carrier === 'telnyx' ? 'Telnyx' : 'Twilio';
    if (lookup === 'unavailable') {
      // Telnyx is asked by message id, and the answer that carried it never came: sending blind could text the subscriber twice.
      const what = `${reply.kind} reply ${reply.eventId}: an interrupted attempt (${startedAt.toISOString()}) may have been sent, and ${carrierName} can only be asked by the message id its answer would have carried`;
      await this.giveUpInterrupted(record, reply, what);
      return true;
    }
    const answer = await this.http.get(lookup.query);
    const finding = lookup.read(answer);
    if (finding.found === 'not_sent') return false;
    if (finding.found === 'sent') {
      await this.replies.recordAttempt(
        record.id,
        transportType,
        { status: 'succeeded', attemptedAt: startedAt, responseCode: null, latencyMs: 0, error: `an interrupted attempt had been sent (found at ${carrierName} as ${finding.messageId}); not sent again` },
        { providerMessageId: finding.messageId },
      );
      countReply(reply, 'already_sent');
      return true;
    }
    const what = `${reply.kind} reply ${reply.eventId}: an interrupted attempt (${startedAt.toISOString()}) may have been sent, and ${carrierName} could not say (${finding.reason})`;
    if (lastAttempt) {
      // Sending blind could text the subscriber twice; the operator sees it dead-lettered.
      await this.giveUpInterrupted(record, reply, what);
      return true;
    }
    throw new RetryAfterError(what, retryAfterMs(answer.retryAfter) ?? 0);
  }
}

/** How the reply goes out through the account's transport; null when a carrier transport has no credentials. */
function routeFor(found: ReplyTransportWithCredentials, reply: ReplyJob): ReplyRoute | null {
  switch (found.type) {
    case 'http':
      return httpRoute(found.url, reply);
    case 'twilio':
      return found.credentials ? twilioRoute(found.credentials, reply) : null;
    case 'telnyx':
      return found.credentials ? telnyxRoute(found.credentials, reply) : null;
  }
}
