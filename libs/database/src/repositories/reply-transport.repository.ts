import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReplyTransportConfig, ReplyTransportEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

@Injectable()
export class ReplyTransportRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async put(accountId: string, config: ReplyTransportConfig): Promise<ReplyTransportEntity> {
    await this.dataSource.query(
      `INSERT INTO reply_transports (account_id, config, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (account_id) DO UPDATE SET config = EXCLUDED.config, updated_at = now()`,
      [accountId, JSON.stringify(config)],
    );
    return this.dataSource.getRepository(ReplyTransportEntity).findOneByOrFail({ accountId });
  }

  find(accountId: string): Promise<ReplyTransportEntity | null> {
    return this.dataSource.getRepository(ReplyTransportEntity).findOneBy({ accountId });
  }
}
