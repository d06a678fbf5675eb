import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * `http`: the reply is POSTed as JSON to `url`. `twilio`: sent through Twilio's Messages API
 * with the account's credentials, which live in `twilio_credentials` (one place, shared with
 * the Twilio inbound webhook), not here. `telnyx`: Telnyx's Messages API, its credentials in
 * `telnyx_credentials` likewise.
 */
export type ReplyTransportConfig = { type: 'http'; url: string } | { type: 'twilio' } | { type: 'telnyx' };

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
