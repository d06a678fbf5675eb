import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, WebhookDeliveryRepository, WebhookEndpointEntity, WebhookEndpointRepository } from '@optout/database';
import { RetryAfterError } from '@optout/queue';
import { outcomeOfStatus, retryAfterMs } from './delivery-outcome.util';
import { OutboundHttpClient, RefusedTargetError } from './outbound-http.client';
import { signWebhook } from './webhook-signature.util';

/** Delivers one webhook attempt and records it. Throws to have BullMQ retry on the schedule. */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly http: OutboundHttpClient,
  ) {}

  /** `lastAttempt`: no retry follows a failure of this one, so it is dead-lettered. */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<void> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.status === 'succeeded') return;
    const endpoint = await this.endpoints.findById(delivery.endpointId);
    if (!endpoint || !endpoint.enabled) {
      await this.deliveries.recordAttempt(deliveryId, 'dead', null, endpoint ? `endpoint disabled: ${endpoint.disabledReason}` : 'endpoint deleted');
      return;
    }

    // Same `webhook-id` on every attempt: the receiver's key for dropping repeats.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook([endpoint.secret], delivery.id, timestamp, delivery.payload),
    };
    let result;
    try {
      result = await this.http.postJson(endpoint.url, delivery.payload, headers);
    } catch (error) {
      if (!(error instanceof RefusedTargetError)) throw error;
      await this.deliveries.recordAttempt(deliveryId, 'dead', null, error.message);
      throw new UnrecoverableError(error.message);
    }

    const outcome = outcomeOfStatus(result.status);
    const error = result.error ?? (outcome === 'succeeded' ? null : `HTTP ${result.status}`);
    if (outcome === 'succeeded') {
      await this.deliveries.recordAttempt(deliveryId, 'succeeded', result.status, null);
      return;
    }
    if (outcome === 'endpoint_gone') await this.disable(endpoint, 'answered 410 Gone');
    const dead = outcome !== 'retry' || lastAttempt;
    await this.deliveries.recordAttempt(deliveryId, dead ? 'dead' : 'failed', result.status, error);
    const what = `webhook ${delivery.id} to ${endpoint.url}: ${error}`;
    if (dead) {
      this.logger.warn(`${what}; dead-lettered`);
      throw new UnrecoverableError(what);
    }
    throw new RetryAfterError(what, retryAfterMs(result.retryAfter) ?? 0);
  }

  private async disable(endpoint: WebhookEndpointEntity, reason: string): Promise<void> {
    await this.dataSource.query('UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2 WHERE id = $1', [endpoint.id, reason]);
  }
}
