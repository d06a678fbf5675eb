import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ReplyJob } from '@optout/contracts';
import { ReplyTransportRepository } from '@optout/database';
import { RetryAfterError } from '@optout/queue';
import { outcomeOfStatus, retryAfterMs } from './delivery-outcome.util';
import { OutboundHttpClient, RefusedTargetError } from './outbound-http.client';

/** Sends one confirmation text through the account's reply transport. Throws to retry. */
@Injectable()
export class ReplySender {
  private readonly logger = new Logger(ReplySender.name);

  constructor(
    private readonly transports: ReplyTransportRepository,
    private readonly http: OutboundHttpClient,
  ) {}

  async send(reply: ReplyJob): Promise<void> {
    const transport = await this.transports.find(reply.accountId);
    if (!transport) {
      this.logger.warn(`account ${reply.accountId} has no reply transport; ${reply.kind} confirmation for event ${reply.eventId} not sent`);
      return;
    }
    const body = JSON.stringify({ to: reply.to, from: reply.from, body: reply.body, accountId: reply.accountId, kind: reply.kind, eventId: reply.eventId });
    let result;
    try {
      // The event id lets the transport drop a repeat, should a retry follow a lost answer.
      result = await this.http.postJson(transport.config.url, body, { 'idempotency-key': reply.eventId });
    } catch (error) {
      if (error instanceof RefusedTargetError) throw new UnrecoverableError(error.message);
      throw error;
    }
    const outcome = outcomeOfStatus(result.status);
    const what = `reply ${reply.eventId} to ${transport.config.url}: ${result.status ?? result.error}`;
    if (outcome === 'succeeded') return;
    if (outcome === 'retry') throw new RetryAfterError(what, retryAfterMs(result.retryAfter) ?? 0);
    throw new UnrecoverableError(what);
  }
}
