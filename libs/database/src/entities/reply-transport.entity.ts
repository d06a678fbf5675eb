import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ReplyTransportConfig = { type: 'http'; url: string };

/** Where an account's confirmation texts go out. One per account. */
@Entity({ name: 'reply_transports' })
export class ReplyTransportEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('jsonb')
  config!: ReplyTransportConfig;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
