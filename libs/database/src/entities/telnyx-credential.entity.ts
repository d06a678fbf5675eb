import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sealedColumn } from '../secrets/sealed-column';

/**
 * An account's Telnyx credentials: the reply transport sends with the API key, and the
 * Telnyx webhook (`POST /v1/carriers/telnyx/:accountId`) is checked with the public key.
 * The API key is sealed at rest (SECRETS_KEY, AES-256-GCM) as the Twilio auth token is, and
 * never returned by the API; the public key is public.
 */
@Entity({ name: 'telnyx_credentials' })
export class TelnyxCredentialEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text', { name: 'api_key', transformer: sealedColumn })
  apiKey!: string;

  /** Base64 of the raw 32-byte Ed25519 key, as Telnyx's portal shows it. */
  @Column('text', { name: 'public_key' })
  publicKey!: string;

  @Column('text', { name: 'messaging_profile_id', nullable: true })
  messagingProfileId!: string | null;

  /** Where the API is; null means Telnyx's own (`https://api.telnyx.com`). */
  @Column('text', { name: 'base_url', nullable: true })
  baseUrl!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
