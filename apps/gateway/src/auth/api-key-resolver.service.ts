import { Injectable } from '@nestjs/common';
import { AccountRepository } from '@optout/database';
import { ReadThroughCache } from '../caching/read-through.cache';
import { hashApiKey } from './api-key.util';

/** Who a bearer key is: its account, and its own id (recorded with the changes it makes). */
export interface ResolvedKey {
  accountId: string;
  keyId: string;
}

const HIT_TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;

/**
 * Maps a bearer key to its account. The send gate is called before every text, so keys are
 * remembered for 30 s instead of costing a Postgres query per request: a revoked key keeps
 * working for at most that long (docs/architecture.md). While Postgres is unreachable a key
 * seen in the last hour keeps working, so that ingestion and the gate outlive the outage.
 */
@Injectable()
export class ApiKeyResolver {
  private readonly cache = new ReadThroughCache<ResolvedKey | null>({
    ttlMs: (key) => (key ? HIT_TTL_MS : MISS_TTL_MS),
    staleIfErrorMs: 3_600_000,
    maxEntries: 10_000,
  });

  constructor(private readonly accounts: AccountRepository) {}

  async accountIdOf(key: string): Promise<string | null> {
    return (await this.resolve(key))?.accountId ?? null;
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    const hash = hashApiKey(key);
    return this.cache.get(hash, () => this.accounts.findKeyByHash(hash));
  }
}
