import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TelnyxCredentialEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';
import { sealSecret } from '../secrets/sealed-column';

export interface TelnyxCredentials {
  apiKey: string;
  publicKey: string;
  messagingProfileId: string | null;
  /** Null: Telnyx's own API (`https://api.telnyx.com`). */
  baseUrl: string | null;
}

/** The one place an account's Telnyx credentials are kept: replies send with them, the Telnyx webhook is checked with them. The API key is sealed at rest (SECRETS_KEY), as the Twilio auth token is. */
@Injectable()
export class TelnyxCredentialRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The account's credentials, API key included, or null. Never return this to a client as is. */
  findForAccount(accountId: string): Promise<TelnyxCredentialEntity | null> {
    return this.dataSource.getRepository(TelnyxCredentialEntity).findOneBy({ accountId });
  }

  /** The public key that signs this account's Telnyx webhooks, or null. */
  async publicKeyOf(accountId: string): Promise<string | null> {
    return (await this.findForAccount(accountId))?.publicKey ?? null;
  }

  async put(accountId: string, credentials: TelnyxCredentials, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO telnyx_credentials (account_id, api_key, public_key, messaging_profile_id, base_url, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (account_id) DO UPDATE
         SET api_key = EXCLUDED.api_key, public_key = EXCLUDED.public_key, messaging_profile_id = EXCLUDED.messaging_profile_id,
             base_url = EXCLUDED.base_url, updated_at = now()`,
      [accountId, sealSecret(credentials.apiKey), credentials.publicKey, credentials.messagingProfileId, credentials.baseUrl],
    );
  }
}
