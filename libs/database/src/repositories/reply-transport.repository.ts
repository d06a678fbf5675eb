import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReplyTransportConfig, ReplyTransportEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';
import { TelnyxCredentialRepository, TelnyxCredentials } from './telnyx-credential.repository';
import { TwilioCredentialRepository, TwilioCredentials } from './twilio-credential.repository';

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

  private async upsert(manager: DataSource['manager'], accountId: string, config: ReplyTransportConfig): Promise<void> {
    await manager.query(
      `INSERT INTO reply_transports (account_id, config, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (account_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [accountId, JSON.stringify(config)],
    );
  }
}
