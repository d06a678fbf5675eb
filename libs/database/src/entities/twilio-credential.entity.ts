import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sealedColumn } from '../secrets/sealed-column';

/**
 * An account's Twilio credentials: the reply transport sends with them and the Twilio
 * inbound webhook checks `X-Twilio-Signature` with the same auth token. Both uses need the
 * token itself, so it is sealed (SECRETS_KEY, AES-256-GCM), not hashed; never returned by the API.
 */
@Entity({ name: 'twilio_credentials' })
export class TwilioCredentialEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text', { name: 'account_sid' })
  accountSid!: string;

  @Column('text', { name: 'auth_token', transformer: sealedColumn })
  authToken!: string;

  /** Where the Messages API is; null means Twilio's own (`https://api.twilio.com`). */
  @Column('text', { name: 'base_url', nullable: true })
  baseUrl!: string | null;

  /** Replies go out through this Messaging Service (`MG…`) when set, from the number the subscriber texted. */
  @Column('text', { name: 'messaging_service_sid', nullable: true })
  messagingServiceSid!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
