import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReplyTransportConfig, ReplyTransportEntity, TelnyxCredentialEntity, TwilioCredentialEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';
import { TelnyxCredentialRepository, TelnyxCredentials } from './telnyx-credential.repository';
import { TwilioCredentialRepository, TwilioCredentials } from './twilio-credential.repository';

/**
 * An account's reply transport with what its type sends with: a carrier transport's
 * credentials are kept in their one place, and are null when they are gone.
 */
export type ReplyTransportWithCredentials =
  | { type: 'http'; transport: ReplyTransportEntity; url: string }
  | { type: 'twilio'; transport: ReplyTransportEntity; credentials: TwilioCredentialEntity | null }
  | { type: 'telnyx'; transport: ReplyTransportEntity; credentials: TelnyxCredentialEntity | null };

@Injectable()
export class ReplyTransportRepository {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly twilioCredentials: TwilioCredentialRepository,
    private readonly telnyxCredentials: TelnyxCredentialRepository,
  ) {}

  async put(accountId: string, config: ReplyTransportConfig): Promise<ReplyTransportEntity> {
    await this.upsert(this.dataSource.manager, accountId, config);
    return this.dataSource.getRepository(ReplyTransportEntity).findOneByOrFail({ accountId });
  }

  /** Twilio as the transport: the credentials (kept in their one place) and the transport commit together. */
  async putTwilio(accountId: string, credentials: TwilioCredentials): Promise<ReplyTransportEntity> {
    await this.dataSource.transaction(async (manager) => {
      await this.twilioCredentials.put(accountId, credentials, manager);
      await this.upsert(manager, accountId, { type: 'twilio' });
    });
    return this.dataSource.getRepository(ReplyTransportEntity).findOneByOrFail({ accountId });
  }

  /** Telnyx as the transport, likewise: its credentials and the transport commit together. */
  async putTelnyx(accountId: string, credentials: TelnyxCredentials): Promise<ReplyTransportEntity> {
    await this.dataSource.transaction(async (manager) => {
      await this.telnyxCredentials.put(accountId, credentials, manager);
      await this.upsert(manager, accountId, { type: 'telnyx' });
    });
    return this.dataSource.getRepository(ReplyTransportEntity).findOneByOrFail({ accountId });
  }

  find(accountId: string): Promise<ReplyTransportEntity | null> {
    return this.dataSource.getRepository(ReplyTransportEntity).findOneBy({ accountId });
  }

  /** The account's transport and its credentials (what the dispatcher sends with, what the API shows); null without a transport. */
  async findWithCredentials(accountId: string): Promise<ReplyTransportWithCredentials | null> {
    const transport = await this.find(accountId);
    if (!transport) return null;
    switch (transport.config.type) {
      case 'http':
        return { type: 'http', transport, url: transport.config.url };
      case 'twilio':
        return { type: 'twilio', transport, credentials: await this.twilioCredentials.findForAccount(accountId) };
      case 'telnyx':
        return { type: 'telnyx', transport, credentials: await this.telnyxCredentials.findForAccount(accountId) };
    }
  }

  private async upsert(manager: DataSource['manager'], accountId: string, config: ReplyTransportConfig): Promise<void> {
    await manager.query(
      `INSERT INTO reply_transports (account_id, config, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (account_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [accountId, JSON.stringify(config)],
    );
  }
}
