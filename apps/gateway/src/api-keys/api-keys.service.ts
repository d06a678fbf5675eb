import { Injectable } from '@nestjs/common';
import { ApiKeyListing, ApiKeyRepository } from '@optout/database';
import { generateApiKey } from '../auth/api-key.util';
import { ApiException } from '../http/api.exception';
import { ApiKeyRevocationChannel } from './api-key-revocation.channel';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';

/** Active keys an account may hold at once: enough to rotate every integration, not enough to hoard. */
export const MAX_ACTIVE_API_KEYS = 20;

export interface ApiKeyView {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
}

/** An account's own keys: a new one (shown once), the list (never the key), revocation (never the last). */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly revocations: ApiKeyRevocationChannel,
    private readonly usage: ApiKeyUsageRecorder,
  ) {}

  async create(accountId: string): Promise<ApiKeyView & { apiKey: string }> {
    const key = generateApiKey();
    const outcome = await this.keys.create(accountId, { keyHash: key.hash, keyPrefix: key.prefix }, MAX_ACTIVE_API_KEYS);
    if ('refused' in outcome) {
      if (outcome.refused === 'no_account') throw ApiException.notFound(`Account ${accountId}`);
      throw new ApiException(409, 'api_key_limit', `An account holds at most ${MAX_ACTIVE_API_KEYS} active API keys: revoke one it no longer uses first`);
    }
    const { id, prefix, createdAt } = viewOf(outcome.created);
    return { id, apiKey: key.key, prefix, createdAt };
  }

  async list(accountId: string): Promise<{ items: ApiKeyView[] }> {
    // This replica's own recent uses first, so that the key that asked shows as used.
    await this.usage.flush().catch(() => undefined);
    return { items: (await this.keys.listActive(accountId)).map(viewOf) };
  }

  async revoke(accountId: string, keyId: string): Promise<void> {
    const outcome = await this.keys.revoke(accountId, keyId);
    if ('refused' in outcome) {
      if (outcome.refused === 'not_found') throw ApiException.notFound(`API key ${keyId}`);
      throw new ApiException(409, 'last_api_key', 'This is the account\'s last active API key: create its replacement first (POST /v1/accounts/:accountId/api-keys), then revoke this one');
    }
    await this.revocations.revoked(outcome.revoked.keyHash);
  }
}

function viewOf(key: ApiKeyListing): ApiKeyView {
  return { id: key.id, prefix: key.prefix, createdAt: key.createdAt.toISOString(), ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt.toISOString() } : {}) };
}
