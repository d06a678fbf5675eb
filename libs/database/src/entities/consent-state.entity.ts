import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Current consent per (account, subscriber). The block list is `status = 'opted_out'`.
 * An opt-in keeps its row so that a late-arriving older STOP can be judged against it.
 */
@Entity({ name: 'consent_states' })
export class ConsentStateEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @PrimaryColumn('text')
  phone!: string;

  @Column('text')
  status!: 'opted_out' | 'opted_in';

  /** `receivedAt` of the message that decided this state: the version that ordering compares. */
  @Column('timestamptz')
  since!: Date;

  /** Breaks ties between two messages received in the same millisecond. */
  @Column('text', { name: 'source_message_id' })
  sourceMessageId!: string;

  /** Null when the opt-out was a revocation phrase. */
  @Column('text', { nullable: true })
  keyword!: string | null;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
