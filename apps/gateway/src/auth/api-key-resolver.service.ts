import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@optout/database';
import { ReadThroughCache } from '../caching/read-through.cache';
import { hashApiKey, isWellFormedApiKey } from './api-key.util';

/** Who a bearer key is: its account, and its own id (recorded with the changes it makes). */
export interface ResolvedKey {
  accountId: string;
  keyId: string;
}

/** How long a replica trusts a key it found without asking Postgres again: the bound on a revocation whose announcement was lost. */
export const API_KEY_HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;

/**
 * Maps a bearer key to its account. The send gate is called before every text, so keys are
 * remembered for 30 s instead of costing a Postgres query per request. A revocation is
 * announced to every replica (ApiKeyRevocationChannel), which forgets the key at once; the
 * 30 s are the bound when that announcement is lost. Unknown keys are remembered for 5 s in
 * a store of their own, so that a flood of them evicts no good key; a string that cannot be
 * a key costs no query at all. While Postgres is unreachable a key seen in the last hour keeps
 * working, so that ingestion and the gate outlive the outage.
 */
@Injectable()
export class ApiKeyResolver {
  private readonly cache = ReadThroughCache.ofRows<ResolvedKey>({
    ttlMs: (key) => (key ? API_KEY_HIT_TTL_MS : MISS_TTL_MS),
    maxEntries: 50_000,
    maxNegativeEntries: 10_000,
  });

  constructor(private readonly accounts: AccountRepository) {}

  async accountIdOf(key: string): Promise<string | null> {
    return (await this.resolve(key))?.accountId ?? null;
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    if (!isWellFormedApiKey(key)) return null;
    const hash = hashApiKey(key);
    return this.cache.get(hash, () => this.accounts.findKeyByHash(hash));
  }

  /** A revoked key, by the hash Postgres keeps: refused by this replica from now on. */
  forget(keyHash: string): void {
    this.cache.delete(keyHash);
  }

  /** Every key is asked again (the revocation channel was down and may have missed some). */
  forgetAll(): void {
    this.cache.clear();
  }
}
