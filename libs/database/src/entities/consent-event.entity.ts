import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentKind } from '@optout/contracts';

export type ConsentSource = 'sms' | 'api' | 'import';

/** The append-only consent ledger: the legal record of every keyword match. Never updated but for `followUpsDoneAt`. */
@Entity({ name: 'consent_events' })
export class ConsentEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** Unique per account: a message delivered twice is recorded once. */
  @Column('text', { name: 'source_message_id' })
  sourceMessageId!: string;

  @Column('text')
  phone!: string;

  @Column('text')
  sender!: string;

  @Column('text')
  kind!: ConsentKind;

  @Column('text')
  keyword!: string;

  @Column('jsonb', { nullable: true })
  scope!: { country?: string; language?: string } | null;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('text', { nullable: true })
  country!: string | null;

  @Column('integer', { name: 'profile_version' })
  profileVersion!: number;

  @Column('text')
  source!: ConsentSource;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  @Column('timestamptz', { name: 'applied_at' })
  appliedAt!: Date;

  /** Set once the reply and webhook are queued; a retry finding it null performs them. */
  @Column('timestamptz', { name: 'follow_ups_done_at', nullable: true })
  followUpsDoneAt!: Date | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;
}
