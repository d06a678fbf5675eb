import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentKind } from '@optout/contracts';

/** Where a decision came from: a keyword text, a manual change, an import, the carrier, a reviewer. */
export type ConsentSource = 'sms' | 'api' | 'import' | 'carrier' | 'review';

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

  /** The keyword as written in the profile; null for a revocation phrase ('' for manual changes). */
  @Column('text', { nullable: true })
  keyword!: string | null;


  @Column('jsonb', { nullable: true })
  scope!: { country?: string; language?: string } | null;

  @Column('text', { nullable: true })
  language!: string | null;

  @Column('text', { nullable: true })
  country!: string | null;

  /** The compliance profile version that classified the text; null for manual changes and imports. */
  @Column('integer', { name: 'profile_version', nullable: true })
  profileVersion!: number | null;

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

  /** The API key that made a manual change or an import (source `api` or `import`). */
  @Column('uuid', { name: 'api_key_id', nullable: true })
  apiKeyId!: string | null;

  /** Free text given with a manual change. */
  @Column('text', { nullable: true })
  reason!: string | null;

  /** How the text matched (`keyword`, `phrase` …); null where no text was matched. */
  @Column('text', { nullable: true })
  match!: string | null;

  /** The id of the classification rule that fired. */
  @Column('text', { nullable: true })
  rule!: string | null;

  /** The carrier's own code for an opt-out it reported (source `carrier`). */
  @Column('text', { name: 'carrier_code', nullable: true })
  carrierCode!: string | null;

  /** Set when the subscriber's personal data was erased from this row (docs/blocklist.md). */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;
}
