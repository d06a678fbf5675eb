import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { TwilioCredentialRepository } from '@optout/database';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ReadThroughCache } from '../caching/read-through.cache';
import { ApiException } from '../http/api.exception';
import { InboundService } from '../inbound/inbound.service';
import { isValidTwilioSignature } from './twilio-signature.util';
import { isUuid } from '@optout/contracts';

/** The message's fields under the names Twilio posts them with, for error details. */
const TWILIO_FIELD_NAMES: Record<string, string> = { from: 'From', to: 'To' };


/**
 * Twilio's inbound-SMS webhook: checks who sent it, then queues it like any inbound message.
 * Twilio retries a failed webhook only as far as its connection overrides (`#rc`, `#rp`) are
 * set to; by default a 5xx answer is not retried, and a STOP refused here may be lost. So the
 * auth token is cached (no query per message) and served through a Postgres outage like API keys.
 */
@Injectable()
export class TwilioInboundService {
  private readonly authTokens = new ReadThroughCache<string | null>({ ttlMs: () => 30_000, staleIfErrorMs: 3_600_000, maxEntries: 10_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountDirectory,
    private readonly credentials: TwilioCredentialRepository,
    private readonly inbound: InboundService,
  ) {}

  async accept(accountId: string, request: FastifyRequest): Promise<void> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw ApiException.notFound(`Account ${accountId}`);
    const params = formParams(request.body);

    const signature = request.headers['x-twilio-signature'];
    const signedWith = (token: string | null) => token !== null && isValidTwilioSignature(token, this.publicUrlOf(request), params, typeof signature === 'string' ? signature : undefined);
    let authToken = await this.authTokens.get(account.id, () => this.credentials.authTokenOf(account.id));
    // A mismatch may be a token changed in the last 30 s: asked again before refusing.
    if (!signedWith(authToken)) authToken = await this.authTokens.refresh(account.id, () => this.credentials.authTokenOf(account.id));
    if (!authToken || !signedWith(authToken)) {
      throw new ApiException(
        403,
        'invalid_signature',
        authToken
          ? 'X-Twilio-Signature does not match this request (check PUBLIC_BASE_URL if the gateway is behind a proxy)'
          : 'This account has no Twilio credentials to check X-Twilio-Signature with; set a twilio reply transport first',
      );
    }

    const problems = ['MessageSid', 'From', 'To']
      .filter((field) => !params[field] || params[field].length > 200)
      .map((field) => ({ field, rule: 'required', message: `${field} is required (at most 200 characters)` }));
    if ((params.Body ?? '').length > 1600) problems.push({ field: 'Body', rule: 'max_length', message: 'Body must be at most 1600 characters' });
    if (problems.length > 0) throw ApiException.validation(problems);

    // The same ingestion as POST /v1/inbound: backpressure, build, queue.
    await this.inbound.ingest(account.id, async () => params.FromCountry ?? account.defaultCountry, {
      messageId: params.MessageSid,
      from: params.From,
      to: params.To,
      body: params.Body ?? '',
    }, TWILIO_FIELD_NAMES);
  }

  /** The URL Twilio called, as Twilio saw it: what the signature covers. */
  private publicUrlOf(request: FastifyRequest): string {
    const base = this.config.publicBaseUrl ?? `${request.protocol}://${request.headers.host ?? request.hostname}`;
    return `${base}${request.url}`;
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
