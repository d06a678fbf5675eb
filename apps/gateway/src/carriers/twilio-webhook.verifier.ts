import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@optout/contracts';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { TwilioCredentialRepository } from '@optout/database';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ReadThroughCache } from '../caching/read-through.cache';
import { ApiException } from '../http/api.exception';
import { publicUrlOf } from './public-url.util';
import { isValidTwilioSignature } from './twilio-signature.util';


/**
 * Checks that a request on a Twilio route (inbound texts, status callbacks) was signed by
 * Twilio with the account's auth token, and returns its form parameters. Twilio retries a
 * failed webhook only as far as its connection overrides (`#rc`, `#rp`) are set to; by
 * default a 5xx answer is not retried, and a STOP refused here may be lost. So the auth
 * token is cached (no query per message) and served through a Postgres outage like API keys.
 */
@Injectable()
export class TwilioWebhookVerifier {
  private readonly authTokens = ReadThroughCache.ofRows<string>({ ttlMs: 30_000, maxEntries: 10_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountDirectory,
    private readonly credentials: TwilioCredentialRepository,
  ) {}

  async verify(accountId: string, request: FastifyRequest): Promise<{ accountId: string; params: Record<string, string> }> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw ApiException.notFound(`Account ${accountId}`);
    const params = formParams(request.body);

    const signature = request.headers['x-twilio-signature'];
    const url = publicUrlOf(this.config.publicBaseUrl, request);
    const signedWith = (token: string | null) => token !== null && isValidTwilioSignature(token, url, params, typeof signature === 'string' ? signature : undefined);
    let authToken = await this.authTokens.get(account.id, () => this.credentials.authTokenOf(account.id));
    // A mismatch may be a token changed in the last 30 s: asked again before refusing.
    if (!signedWith(authToken)) authToken = await this.authTokens.refresh(account.id, () => this.credentials.authTokenOf(account.id));
    if (!authToken || !signedWith(authToken)) {
      throw new ApiException(
        403,
        'invalid_signature',
        authToken
          ? 'X-Twilio-Signature does not match this request (set PUBLIC_BASE_URL to the URL Twilio calls if the gateway is behind a proxy)'
          : 'This account has no Twilio credentials to check X-Twilio-Signature with; set a twilio reply transport first',
      );
    }
    return { accountId: account.id, params };
  }
}

function formParams(body: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return params;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    // A repeated field arrives as an array; Twilio does not repeat fields in SMS webhooks.
    params[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return params;
}
