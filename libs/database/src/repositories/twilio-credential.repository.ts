import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TwilioCredentialEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';
import { sealSecret } from '../secrets/sealed-column';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** Null: Twilio's own API (`https://api.twilio.com`). */
  baseUrl: string | null;
  /** Send through this Messaging Service (`MG…`); null: from the number alone. */
  messagingServiceSid?: string | null;
}

/**
 * The one place an account's Twilio credentials are kept. The reply transport sends with
 * them; the Twilio inbound webhook reads the auth token here to check `X-Twilio-Signature`.
 */
@Injectable()
export class TwilioCredentialRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The account's credentials, auth token included, or null when it has none. Never return this to a client as is. */
  findForAccount(accountId: string): Promise<TwilioCredentialEntity | null> {
    return this.dataSource.getRepository(TwilioCredentialEntity).findOneBy({ accountId });
  }

  /** The auth token that signs this account's Twilio webhooks (`X-Twilio-Signature`), or null. */
  async authTokenOf(accountId: string): Promise<string | null> {
    return (await this.findForAccount(accountId))?.authToken ?? null;
  }

  async put(accountId: string, credentials: TwilioCredentials, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO twilio_credentials (account_id, account_sid, auth_token, base_url, messaging_service_sid, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (account_id) DO UPDATE
         SET account_sid = EXCLUDED.account_sid, auth_token = EXCLUDED.auth_token, base_url = EXCLUDED.base_url,
             messaging_service_sid = EXCLUDED.messaging_service_sid, updated_at = now()`,
      [accountId, credentials.accountSid, sealSecret(credentials.authToken), credentials.baseUrl, credentials.messagingServiceSid ?? null],
    );
  }
}
