import { Injectable } from '@nestjs/common';
import { AccountEntity, AccountRepository } from '@optout/database';
import { ApiException } from '../http/api.exception';
import { generateApiKey } from '../auth/api-key.util';
import { CreateAccountDto } from './create-account.dto';

export interface AccountView {
  id: string;
  name: string;
  defaultCountry: string | null;
  createdAt: string;
}

@Injectable()
export class AccountsService {
  constructor(private readonly accounts: AccountRepository) {}

  /** The key is returned here and never again. */
  async create(dto: CreateAccountDto): Promise<AccountView & { apiKey: string }> {
    const key = generateApiKey();
    const account = await this.accounts.createWithKey(dto.name, dto.defaultCountry ?? null, { keyHash: key.hash, keyPrefix: key.prefix });
    return { ...viewOf(account), apiKey: key.key };
  }

  async get(accountId: string): Promise<AccountView> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw ApiException.notFound(`Account ${accountId}`);
    return viewOf(account);
  }

  async list(limit: number, cursor?: string): Promise<{ items: AccountView[]; nextCursor: string | null }> {
    const accounts = await this.accounts.list(limit, cursor);
    return { items: accounts.map(viewOf), nextCursor: accounts.length === limit ? accounts[accounts.length - 1].id : null };
  }
}

function viewOf(account: AccountEntity): AccountView {
  return { id: account.id, name: account.name, defaultCountry: account.defaultCountry, createdAt: account.createdAt.toISOString() };
}
