import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every saved profile is a new version; the ledger records which version classified a message. */
@Entity({ name: 'compliance_profiles' })
export class ComplianceProfileEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @PrimaryColumn('integer')
  version!: number;

  /** The validated profile as the account saved it (an `EffectiveProfile` of libs/compliance). */
  @Column('jsonb')
  document!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The API key that saved this version; null for versions saved before it was recorded. */
  @Column('uuid', { name: 'api_key_id', nullable: true })
  apiKeyId!: string | null;
}
