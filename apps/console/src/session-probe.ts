import { ApiError } from './api/api-error';
import { ApiClient } from './api/client';
import type { Account, Page } from './api/types';

export type Session = { role: 'account'; client: ApiClient; account: Account } | { role: 'admin'; client: ApiClient };

/** Account API keys are issued as `ook_…` (apps/gateway/src/auth/api-key.util.ts); anything else can only be the admin token. */
const API_KEY_PREFIX = 'ook_';

const NEITHER = 'This is neither an account API key nor the admin token.';

/**
 * Who the credential is: an account's API key (GET /v1/accounts/me answers its account) or the
 * admin token (GET /v1/accounts answers). The key's prefix picks the one request to make, so a
 * valid credential never costs a refused request first.
 */
export async function probeCredential(credential: string): Promise<Session> {
  const client = new ApiClient(credential);
  try {
    if (credential.startsWith(API_KEY_PREFIX)) {
      return { role: 'account', client, account: await client.get<Account>('/v1/accounts/me') };
    }
    await client.get<Page<Account>>('/v1/accounts', { limit: 1 });
    return { role: 'admin', client };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw new ApiError(401, 'unauthorized', NEITHER);
    throw error;
  }
}
