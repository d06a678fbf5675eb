import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { sealedColumn } from '../secrets/sealed-column';

@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text')
  url!: string;

  /** Event types this endpoint receives. */
  @Column('text', { array: true })
  events!: string[];

  /** `whsec_` + base64 key. Every delivery is signed with it, so it is sealed (SECRETS_KEY), not hashed. */
  @Column('text', { transformer: sealedColumn })
  secret!: string;

  /** The secret a rotation replaced: it signs too (beside `secret`) until it expires. Sealed likewise. */
  @Column('text', { name: 'previous_secret', nullable: true, transformer: sealedColumn })
  previousSecret!: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column('boolean')
  enabled!: boolean;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason!: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
