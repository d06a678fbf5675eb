import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ConsentKind } from '@optout/contracts';

/**
 * `suppressed`: deliberately not sent (the subscriber is opted out and this is neither the
 * opt-out confirmation nor a HELP answer, or the account has no reply transport); `last_error` says which.
 */
export type ReplyDeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'dead' | 'suppressed';

/** One confirmation text, from its ledger event to the reply transport: one per event. */
@Entity({ name: 'reply_deliveries' })
export class ReplyDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** The ledger event the text confirms; unique, so a repeated job finds the first record. */
  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('text')
  kind!: ConsentKind;

  @Column('text', { name: 'to_phone' })
  toPhone!: string;

  @Column('text', { name: 'from_sender' })
  fromSender!: string;

  /** The transport used by the last attempt (`http`, `twilio`); null before any. */
  @Column('text', { name: 'transport_type', nullable: true })
  transportType!: string | null;

  @Column('text')
  status!: ReplyDeliveryStatus;

  @Column('integer')
  attempts!: number;

  @Column('integer', { name: 'last_status_code', nullable: true })
  lastStatusCode!: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /**
   * Set just before a request to the reply transport, cleared with its outcome. Still set
   * when the job runs again: the last attempt was interrupted and may have been sent.
   */
  @Column('timestamptz', { name: 'attempt_started_at', nullable: true })
  attemptStartedAt!: Date | null;

  /** The carrier's id of the text (a Twilio message SID); null for `http` transports. */
  @Column('text', { name: 'provider_message_id', nullable: true })
  providerMessageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
