import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryStatus, WebhookDeliveryEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

export interface NewDelivery {
  accountId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: string;
}

@Injectable()
export class WebhookDeliveryRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WebhookDeliveryEntity);
  }

  /** One delivery per (event, endpoint), however often the fan-out runs: a repeat returns the first. */
  async createOnce(delivery: NewDelivery): Promise<WebhookDeliveryEntity> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (id, account_id, endpoint_id, event_id, event_type, payload, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending')
       ON CONFLICT ON CONSTRAINT uq_webhook_deliveries_event_endpoint DO NOTHING`,
      [randomUUID(), delivery.accountId, delivery.endpointId, delivery.eventId, delivery.eventType, delivery.payload],
    );
    return this.repo.findOneByOrFail({ eventId: delivery.eventId, endpointId: delivery.endpointId });
  }

  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async recordAttempt(id: string, status: DeliveryStatus, statusCode: number | null, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
         SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4, updated_at = now()
       WHERE id = $1`,
      [id, status, statusCode, error],
    );
  }

  listForEndpoint(endpointId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.repo.find({ where: { endpointId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
