import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '../database.tokens';
import type { NewApiKey } from './account.repository';

/** An active key as its account may see it: never the key or its hash. */
export interface ApiKeyListing {
  id: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type CreateKeyOutcome = { created: ApiKeyListing } | { refused: 'no_account' | 'limit' };
export type RevokeKeyOutcome = { revoked: { keyHash: string } } | { refused: 'not_found' | 'last_key' };

/**
 * An account's API keys: create, list, revoke. Creation and revocation lock the account's
 * row first, so that two concurrent revocations cannot both pass the "not the last key" check
 * and leave an account nobody can use.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async create(accountId: string, key: NewApiKey, maxActive: number): Promise<CreateKeyOutcome> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockAccount(manager, accountId))) return { refused: 'no_account' };
      if ((await countActive(manager, accountId)) >= maxActive) return { refused: 'limit' };
      const rows: KeyRow[] = await manager.query(
        `INSERT INTO api_keys (id, account_id, key_hash, key_prefix, revoked_at) VALUES ($1, $2, $3, $4, NULL)
         RETURNING id, key_prefix, created_at, last_used_at`,
        [randomUUID(), accountId, key.keyHash, key.keyPrefix],
      );
      return { created: listingOf(rows[0]) };
    });
  }

  async listActive(accountId: string): Promise<ApiKeyListing[]> {
    const rows: KeyRow[] = await this.dataSource.query(
      'SELECT id, key_prefix, created_at, last_used_at FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at, id',
      [accountId],
    );
    return rows.map(listingOf);
  }

  /** Revokes an active key of the account unless it is its last one; returns its hash so caches can drop it. */
  async revoke(accountId: string, keyId: string): Promise<RevokeKeyOutcome> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockAccount(manager, accountId))) return { refused: 'not_found' };
      const keys: Array<{ key_hash: string }> = await manager.query(
        'SELECT key_hash FROM api_keys WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL',
        [keyId, accountId],
      );
      if (keys.length === 0) return { refused: 'not_found' };
      if ((await countActive(manager, accountId)) <= 1) return { refused: 'last_key' };
      await manager.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
      return { revoked: { keyHash: keys[0].key_hash } };
    });
  }

  /** Records when keys were last used, in one statement for many keys; an older time never overwrites a newer one. */
  async recordUse(uses: Array<{ keyId: string; at: Date }>): Promise<void> {
    if (uses.length === 0) return;
    await this.dataSource.query(
      `UPDATE api_keys k SET last_used_at = GREATEST(COALESCE(k.last_used_at, u.at), u.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
        WHERE k.id = u.id`,
      [uses.map((use) => use.keyId), uses.map((use) => use.at.toISOString())],
    );
  }
}

interface KeyRow {
  id: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}

function listingOf(row: KeyRow): ApiKeyListing {
  return { id: row.id, prefix: row.key_prefix, createdAt: new Date(row.created_at), lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null };
}

async function lockAccount(manager: EntityManager, accountId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  return rows.length > 0;
}

async function countActive(manager: EntityManager, accountId: string): Promise<number> {
  const rows: Array<{ n: number }> = await manager.query('SELECT count(*)::int AS n FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
  return rows[0].n;
}
