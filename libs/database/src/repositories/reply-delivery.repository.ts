import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CarrierErrorRecord, ReplyDeliveryEntity, ReplyDeliveryStatus } from '../entities';
import { DeliveryTable } from './delivery-table';
import { Page, PageCursor } from './page-cursor.util';
import type { AttemptRecord } from './webhook-delivery.repository';

export type NewReplyDelivery = Pick<ReplyDeliveryEntity, 'accountId' | 'eventId' | 'kind' | 'toPhone' | 'fromSender'>;

@Injectable()
export class ReplyDeliveryRepository extends DeliveryTable<ReplyDeliveryEntity>({ entity: ReplyDeliveryEntity, name: 'reply_deliveries', uniqueConstraint: 'uq_reply_deliveries_event' }) {
  /** One record per ledger event, however often its reply job runs: a repeat returns the first. */
  createOnce(reply: NewReplyDelivery): Promise<ReplyDeliveryEntity> {
    const { accountId, eventId, kind, toPhone, fromSender } = reply;
    return this.insertOnce({ account_id: accountId, event_id: eventId, kind, to_phone: toPhone, from_sender: fromSender }, { eventId });
  }

  /**
   * Written before the request leaves: should the dispatcher die before the outcome is
   * recorded, the next run of the job finds it set and knows the text may have gone out.
   */
  async markAttemptStarted(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE reply_deliveries SET attempt_started_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  /**
   * The attempt row and the reply's new status in one statement (see
   * WebhookDeliveryRepository.recordAttempt), keeping the carrier's message id when there is
   * one. The in-flight mark is cleared unless `outcomeUnknown` (no answer came: the text may
   * still have been sent, and the next attempt must look before sending).
   */
  async recordAttempt(
    id: string,
    transportType: string,
    attempt: AttemptRecord,
    {
      providerMessageId = null,
      outcomeUnknown = false,
      carrierError = null,
    }: { providerMessageId?: string | null; outcomeUnknown?: boolean; carrierError?: CarrierErrorRecord | null } = {},
  ): Promise<void> {
    await this.dataSource.query(
      `WITH updated AS (
         UPDATE reply_deliveries
            SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4, transport_type = $8,
                attempt_started_at = CASE WHEN $10 THEN attempt_started_at ELSE NULL END,
                provider_message_id = COALESCE($9, provider_message_id), updated_at = now()
          WHERE id = $1
        RETURNING id, attempts)
       INSERT INTO delivery_attempts (id, reply_delivery_id, attempt, round, attempted_at, status, response_code, latency_ms, error, carrier_error)
       SELECT $5, updated.id, updated.attempts, 0, $6, $2, $3, $7, $4, $11::jsonb FROM updated`,
      [
        id,
        attempt.status,
        attempt.responseCode,
        attempt.error,
        randomUUID(),
        attempt.attemptedAt,
        Math.round(attempt.latencyMs),
        transportType,
        providerMessageId,
        outcomeUnknown,
        carrierError ? JSON.stringify(carrierError) : null,
      ],
    );
  }

  /** Deliberately not sent; `reason` says why. No attempt row: nothing was sent. */
  async suppress(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE reply_deliveries SET status = 'suppressed', last_error = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** The account's replies, newest first. */
  pageForAccount(accountId: string, options: { limit: number; status?: ReplyDeliveryStatus; after?: PageCursor }): Promise<Page<ReplyDeliveryEntity>> {
    return this.pageWhere('account_id', accountId, options);
  }
}
