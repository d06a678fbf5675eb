import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AttemptStatus, DeliveryStatus, WebhookDeliveryEntity } from '../entities';
import { DeliveryTable } from './delivery-table';
import { Page, PageCursor } from './page-cursor.util';

export type NewDelivery = Pick<WebhookDeliveryEntity, 'accountId' | 'endpointId' | 'eventId' | 'eventType' | 'payload'>;

/** One attempt as the dispatcher saw it; the delivery takes the same status. */
export interface AttemptRecord {
  status: AttemptStatus;
  attemptedAt: Date;
  responseCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** Where a replay was started from, to put it back should the job not be queued. */
export interface StartedReplay {
  round: number;
  previousStatus: DeliveryStatus;
}

@Injectable()
export class WebhookDeliveryRepository extends DeliveryTable<WebhookDeliveryEntity>({ entity: WebhookDeliveryEntity, name: 'webhook_deliveries', uniqueConstraint: 'uq_webhook_deliveries_event_endpoint' }) {
  /** One delivery per (event, endpoint), however often the fan-out runs: a repeat returns the first. */
  createOnce(delivery: NewDelivery): Promise<WebhookDeliveryEntity> {
    const { accountId, endpointId, eventId, eventType, payload } = delivery;
    return this.insertOnce({ account_id: accountId, endpoint_id: endpointId, event_id: eventId, event_type: eventType, payload }, { eventId, endpointId });
  }

  findById(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findForAccount(accountId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.repo.findOneBy({ accountId, id });
  }

  /**
   * The attempt row and the delivery's new status in one statement: the list a business
   * reads never shows a delivery whose attempts disagree with it.
   */
  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    await this.dataSource.query(
      `WITH updated AS (
         UPDATE webhook_deliveries
            SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4, updated_at = now()
          WHERE id = $1
        RETURNING id, attempts, replays)
       INSERT INTO delivery_attempts (id, webhook_delivery_id, attempt, round, attempted_at, status, response_code, latency_ms, error)
       SELECT $5, updated.id, updated.attempts, updated.replays, $6, $2, $3, $7, $4 FROM updated`,
      [id, attempt.status, attempt.responseCode, attempt.error, randomUUID(), attempt.attemptedAt, Math.round(attempt.latencyMs)],
    );
  }

  /**
   * Makes a finished delivery (succeeded or dead) pending again as a new round, atomically:
   * of two replays racing, one wins. Null when the delivery is not the account's or is
   * still in progress.
   */
  async startReplay(accountId: string, id: string): Promise<StartedReplay | null> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const rows: Array<{ replays: number; previous_status: DeliveryStatus }> = await this.dataSource.query(
      `WITH replayed AS (
         UPDATE webhook_deliveries d
            SET status = 'pending', replays = d.replays + 1, updated_at = now()
           FROM (SELECT id, status FROM webhook_deliveries WHERE id = $1 AND account_id = $2 FOR UPDATE) previous
          WHERE d.id = previous.id AND previous.status IN ('succeeded', 'dead')
         RETURNING d.replays, previous.status AS previous_status)
       SELECT replays, previous_status FROM replayed`,
      [id, accountId],
    );
    return rows[0] ? { round: rows[0].replays, previousStatus: rows[0].previous_status } : null;
  }

  /** Undoes `startReplay` when its job could not be queued, so the delivery is not left pending forever. */
  async undoReplay(id: string, replay: StartedReplay): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $3, replays = replays - 1, updated_at = now()
        WHERE id = $1 AND replays = $2 AND status = 'pending'`,
      [id, replay.round, replay.previousStatus],
    );
  }

  /** The endpoint's deliveries, newest first. */
  pageForEndpoint(endpointId: string, options: { limit: number; status?: DeliveryStatus; after?: PageCursor }): Promise<Page<WebhookDeliveryEntity>> {
    return this.pageWhere('endpoint_id', endpointId, options);
  }
}
