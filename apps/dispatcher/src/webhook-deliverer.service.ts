import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { WebhookDeliveryRepository, WebhookEndpointRepository } from '@optout/database';
import { recordWebhookDelivery } from '@optout/observability';
import { RetryAfterError } from '@optout/queue';
import { judgeAttempt } from './delivery-outcome.util';
import { Postpone } from './delivery-step';
import { EndpointSlots } from './endpoint-slots.util';
import { OutboundHttpClient } from './outbound-http.client';
import { signingSecretsOf, signWebhook } from './webhook-signature.util';

/** Delivers one webhook attempt and records it. Throws to have BullMQ retry on the schedule. */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly http: OutboundHttpClient,
    private readonly slots: EndpointSlots,
  ) {}

  /** `lastAttempt`: no retry follows a failure of this one, so it is dead-lettered. */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<Postpone | void> {
    const delivery = await this.deliveries.findById(deliveryId);
    // Deleted with its endpoint, or finished: a repeated or stale job has nothing to do.
    if (!delivery || delivery.status === 'succeeded' || delivery.status === 'dead') return;

    const slotKey = `webhook:${delivery.endpointId}`;
    const slot = this.slots.tryAcquire(slotKey);
    if (!slot.acquired) return { postponeMs: slot.retryInMs };
    let answeredWell = true;
    try {
      const endpoint = await this.endpoints.findById(delivery.endpointId);
      if (!endpoint || !endpoint.enabled) {
        await this.deliveries.markDead(deliveryId, endpoint ? `not sent: the endpoint is disabled (${endpoint.disabledReason})` : 'not sent: the endpoint was deleted');
        recordWebhookDelivery('dead', { deliveryId, eventId: delivery.eventId, statusCode: null });
        return;
      }

      // Same `webhook-id` on every attempt and every replay: the receiver's key for dropping repeats.
      const attemptedAt = new Date();
      const timestamp = Math.floor(attemptedAt.getTime() / 1000);
      const result = await this.http.post({
        url: endpoint.url,
        body: delivery.payload,
        contentType: 'application/json',
        headers: {
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(signingSecretsOf(endpoint, attemptedAt), delivery.id, timestamp, delivery.payload),
        },
      });
      const verdict = judgeAttempt(result, lastAttempt);
      answeredWell = verdict.endpointHealthy;
      if (verdict.endpointGone) await this.endpoints.disable(endpoint.id, 'answered 410 Gone');
      await this.deliveries.recordAttempt(deliveryId, {
        status: verdict.status,
        attemptedAt,
        responseCode: result.status,
        latencyMs: result.latencyMs,
        error: verdict.error,
      });
      recordWebhookDelivery(verdict.status, { deliveryId, eventId: delivery.eventId, statusCode: result.status });

      if (verdict.status === 'succeeded') return;
      const what = `webhook ${delivery.id} (${delivery.eventType}) to ${endpoint.url}: ${verdict.error}`;
      if (verdict.status === 'dead') {
        this.logger.warn(`${what}; dead-lettered${verdict.endpointGone ? ', endpoint disabled' : ''}`);
        throw new UnrecoverableError(what);
      }
      throw new RetryAfterError(what, verdict.retryAfterMs ?? 0);
    } finally {
      this.slots.release(slotKey, answeredWell);
    }
  }
}
