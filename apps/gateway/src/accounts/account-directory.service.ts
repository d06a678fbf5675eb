import { Injectable } from '@nestjs/common';
import { AccountEntity, AccountRepository } from '@optout/database';

interface Cached {
  account: AccountEntity | null;
  expiresAt: number;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Accounts as the hot paths need them (ingestion, the gate): remembered for 30 s so that a
 * request does not cost a Postgres query. Only slow-changing fields are read through it.
 */
@Injectable()
export class AccountDirectory {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly accounts: AccountRepository) {}

  async find(accountId: string): Promise<AccountEntity | null> {
    const now = Date.now();
    const cached = this.cache.get(accountId);
    if (cached && cached.expiresAt > now) return cached.account;
    const account = await this.accounts.findById(accountId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(accountId, { account, expiresAt: now + TTL_MS });
    return account;
  }
}
