import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountEntity, ApiKeyEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

export interface NewApiKey {
  keyHash: string;
  keyPrefix: string;
}

@Injectable()
export class AccountRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The account and its first key in one transaction: never an account nobody can use. */
  async createWithKey(name: string, defaultCountry: string | null, key: NewApiKey): Promise<AccountEntity> {
    return this.dataSource.transaction(async (manager) => {
      const account = manager.create(AccountEntity, { id: randomUUID(), name, defaultCountry });
      await manager.insert(AccountEntity, account);
      await manager.insert(ApiKeyEntity, { id: randomUUID(), accountId: account.id, ...key, revokedAt: null });
      return manager.findOneByOrFail(AccountEntity, { id: account.id });
    });
  }

  findById(id: string): Promise<AccountEntity | null> {
    return this.dataSource.getRepository(AccountEntity).findOneBy({ id });
  }

  list(limit: number, afterId?: string): Promise<AccountEntity[]> {
    const query = this.dataSource.getRepository(AccountEntity).createQueryBuilder('a').orderBy('a.id').limit(limit);
    if (afterId) query.where('a.id > :afterId', { afterId });
    return query.getMany();
  }

  /** The account that owns an unrevoked key with this hash. */
  async findAccountIdByKeyHash(keyHash: string): Promise<string | null> {
    return (await this.findKeyByHash(keyHash))?.accountId ?? null;
  }

  /** An unrevoked key with this hash: its id (recorded with manual changes) and its account. */
  async findKeyByHash(keyHash: string): Promise<{ keyId: string; accountId: string } | null> {
    const rows: Array<{ id: string; account_id: string }> = await this.dataSource.query(
      'SELECT id, account_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    return rows[0] ? { keyId: rows[0].id, accountId: rows[0].account_id } : null;
  }
}
