import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@optout/database';
import { hashApiKey } from './api-key.util';

interface CachedKey {
  accountId: string | null;
  expiresAt: number;
}

const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Maps a bearer key to its account. The send gate is called before every text, so keys are
 * remembered for 30 s instead of costing a Postgres query per request: a revoked key keeps
 * working for at most that long (docs/architecture.md).
 */
@Injectable()
export class ApiKeyResolver {
  private readonly cache = new Map<string, CachedKey>();

  constructor(private readonly accounts: AccountRepository) {}

  async accountIdOf(key: string): Promise<string | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.accountId;

    const accountId = await this.accounts.findAccountIdByKeyHash(hash);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { accountId, expiresAt: now + (accountId ? HIT_TTL_MS : MISS_TTL_MS) });
    return accountId;
  }
}
