import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@optout/database';
import { hashApiKey } from './api-key.util';

/** Who a bearer key is: its account, and its own id (recorded with the changes it makes). */
export interface ResolvedKey {
  accountId: string;
  keyId: string;
}

interface CachedKey {
  key: ResolvedKey | null;
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
    return (await this.resolve(key))?.accountId ?? null;
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > now) return cached.key;

    const resolved = await this.accounts.findKeyByHash(hash);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, { key: resolved, expiresAt: now + (resolved ? HIT_TTL_MS : MISS_TTL_MS) });
    return resolved;
  }
}
