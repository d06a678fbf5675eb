import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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

  /** `whsec_` + base64 key. Kept readable because every delivery is signed with it. */
  @Column('text')
  secret!: string;

  @Column('boolean')
  enabled!: boolean;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
