import { Injectable } from '@nestjs/common';
import { AccountEntity, AccountRepository } from '@optout/database';
import { ReadThroughCache } from '../caching/read-through.cache';

/**
 * Accounts as the hot paths need them (ingestion, the gate, carrier webhooks): remembered for
 * 30 s so that a request does not cost a Postgres query, and served for up to an hour past that
 * while Postgres is unreachable. An id that is no account is remembered too, apart, so that a
 * flood of made-up ids neither costs a query each time nor evicts real accounts. Only
 * slow-changing fields are read through it.
 */
@Injectable()
export class AccountDirectory {
  private readonly cache = ReadThroughCache.ofRows<AccountEntity>({ ttlMs: 30_000, maxEntries: 50_000, maxNegativeEntries: 10_000 });

  constructor(private readonly accounts: AccountRepository) {}

  async find(accountId: string): Promise<AccountEntity | null> {
    return this.cache.get(accountId, () => this.accounts.findById(accountId));
  }
}
