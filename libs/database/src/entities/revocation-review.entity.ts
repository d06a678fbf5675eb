import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReviewStatus = 'pending' | 'decided';
export type ReviewDecision = 'optOut' | 'dismiss';

/**
 * A text that a person should look at (`reasonable` revocation mode): "wrong number",
 * "not interested", "STOP this bill". Written once per (account, message id); decided once.
 */
@Entity({ name: 'revocation_reviews' })
export class RevocationReviewEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text', { name: 'source_message_id' })
  sourceMessageId!: string;

  @Column('text')
  phone!: string;

  @Column('text')
  sender!: string;

  @Column('text')
  body!: string;

  @Column('text')
  rule!: string;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('text', { nullable: true })
  country!: string | null;

  @Column('integer', { name: 'profile_version', nullable: true })
  profileVersion!: number | null;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  /** receivedAt + 10 business days. */
  @Column('timestamptz')
  deadline!: Date;

  @Column('text')
  status!: ReviewStatus;

  @Column('text', { nullable: true })
  decision!: ReviewDecision | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  /** The API key that decided. */
  @Column('uuid', { name: 'decided_by_api_key_id', nullable: true })
  decidedByApiKeyId!: string | null;

  /** The ledger row an `optOut` decision wrote. */
  @Column('uuid', { name: 'consent_event_id', nullable: true })
  consentEventId!: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
