import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What one attempt left the delivery as: done, to be retried, or dead-lettered. */
export type AttemptStatus = 'succeeded' | 'failed' | 'dead';

/**
 * One HTTP request (or the try at one) of a webhook delivery or a reply delivery: exactly one
 * of the two parents is set. Written in the same statement that updates the delivery.
 */
@Entity({ name: 'delivery_attempts' })
export class DeliveryAttemptEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'webhook_delivery_id', nullable: true })
  webhookDeliveryId!: string | null;

  @Column('uuid', { name: 'reply_delivery_id', nullable: true })
  replyDeliveryId!: string | null;

  /** 1-based over the delivery's whole life, replays included. */
  @Column('integer')
  attempt!: number;

  /** 0 for the first sending, n for the n-th replay. */
  @Column('integer')
  round!: number;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt!: Date;

  @Column('text')
  status!: AttemptStatus;

  /** The HTTP status the endpoint answered; null when it did not answer (timeout, connection error, refused). */
  @Column('integer', { name: 'response_code', nullable: true })
  responseCode!: number | null;

  @Column('integer', { name: 'latency_ms' })
  latencyMs!: number;

  @Column('text', { nullable: true })
  error!: string | null;

  /** The carrier's own error on a refused send (Twilio's `code`, `message`, `more_info`; Telnyx's `errors[0]`). */
  @Column('jsonb', { name: 'carrier_error', nullable: true })
  carrierError!: CarrierErrorRecord | null;
}

export interface CarrierErrorRecord {
  code: string;
  message: string | null;
  moreInfo: string | null;
}
