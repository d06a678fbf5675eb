import { Injectable } from '@nestjs/common';
import { QueueName, WebhookEventJob } from '@optout/contracts';
import { WebhookDeliveryRepository, WebhookEndpointRepository } from '@optout/database';
import { jobIds, JobProducer } from '@optout/queue';

/**
 * One event → one delivery per subscribed endpoint, each retried on its own so that a dead
 * endpoint never holds back a healthy one. The payload is frozen here: every attempt and any
 * replay sends the same bytes.
 */
@Injectable()
export class WebhookFanout {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly producer: JobProducer,
  ) {}

  async fanOut(event: WebhookEventJob): Promise<number> {
    const endpoints = await this.endpoints.subscribedTo(event.data.accountId, event.type);
    const payload = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });
    const jobs = [];
    for (const endpoint of endpoints) {
      const delivery = await this.deliveries.createOnce({
        accountId: event.data.accountId,
        endpointId: endpoint.id,
        eventId: event.data.eventId,
        eventType: event.type,
        payload,
      });
      if (delivery.status === 'pending') jobs.push({ payload: { v: 1 as const, deliveryId: delivery.id, correlationId: event.correlationId }, jobId: jobIds.webhookDelivery(delivery.id) });
    }
    await this.producer.enqueueMany(QueueName.WebhookDeliveries, jobs);
    return jobs.length;
  }
}
