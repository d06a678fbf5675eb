import { Injectable } from '@nestjs/common';
import { isUuid } from '@optout/contracts';
import type { KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { telnyxPublicKeyOf, verifyTelnyxSignature } from '@optout/carriers';
import { TelnyxCredentialRepository } from '@optout/database';
import { AccountDirectory } from '../accounts/account-directory.service';
import { ReadThroughCache } from '../caching/read-through.cache';
import { rawBodyOf } from '../http/body-parsers';
import { ApiException } from '../http/api.exception';
import { InboundService } from '../inbound/inbound.service';
import { withCarrierFieldNames } from './carrier-ingestion.util';
import { TELNYX_FIELD_NAMES, telnyxEventAction } from './telnyx-event.util';


/**
 * Telnyx's messaging webhook (`POST /v1/carriers/telnyx/:accountId`): verified with the
 * account's Telnyx public key (Ed25519 over `timestamp|raw body`, 5-minute window), then
 * ingested through `InboundService.accept` like `/v1/inbound`. The public key is cached (and
 * served through a Postgres outage) as the Twilio auth token is; a signature that does not
 * verify makes it read again before refusing, so a key changed a moment ago is picked up.
 */
@Injectable()
export class TelnyxWebhookService {
  private readonly publicKeys = ReadThroughCache.ofRows<KeyObject>({ ttlMs: 30_000, maxEntries: 10_000 });

  constructor(
    private readonly accounts: AccountDirectory,
    private readonly credentials: TelnyxCredentialRepository,
    private readonly inbound: InboundService,
  ) {}

  async accept(accountId: string, request: FastifyRequest): Promise<{ status: 'accepted' | 'ignored'; eventType: string }> {
    const account = isUuid(accountId) ? await this.accounts.find(accountId.toLowerCase()) : null;
    if (!account) throw ApiException.notFound(`Account ${accountId}`);
    this.assertSigned(await this.verifiedKey(account.id, request), request);

    const action = telnyxEventAction(request.body);
    if (action.action === 'invalid') throw ApiException.validation(action.problems);
    if (action.action === 'ignore') return { status: 'ignored', eventType: action.eventType };
    await withCarrierFieldNames(TELNYX_FIELD_NAMES, () => this.inbound.accept(account.id, { accountId: account.id, ...action.message }, action.signal));
    return { status: 'accepted', eventType: (request.body as { data: { event_type: string } }).data.event_type };
  }

  /** The account's key, read again once when the signature does not verify with the cached one. */
  private async verifiedKey(accountId: string, request: FastifyRequest): Promise<KeyObject | null> {
    const load = async () => {
      const stored = await this.credentials.publicKeyOf(accountId);
      return stored ? telnyxPublicKeyOf(stored) : null;
    };
    const key = await this.publicKeys.get(accountId, load);
    if (key && verifyTelnyxSignature(key, rawBodyOf(request) ?? '', headersOf(request)).valid) return key;
    return this.publicKeys.refresh(accountId, load);
  }

  private assertSigned(key: KeyObject | null, request: FastifyRequest): void {
    if (!key) throw new ApiException(403, 'invalid_signature', 'This account has no Telnyx public key to check telnyx-signature-ed25519 with; set a telnyx reply transport first');
    const raw = rawBodyOf(request);
    if (raw === undefined) throw new ApiException(403, 'invalid_signature', 'The body must be the JSON Telnyx signed (content-type application/json)');
    const verdict = verifyTelnyxSignature(key, raw, headersOf(request));
    if (!verdict.valid) throw new ApiException(403, 'invalid_signature', `Not accepted: ${verdict.reason}`);
  }
}

function headersOf(request: FastifyRequest): { signature: string | undefined; timestamp: string | undefined } {
  const signature = request.headers['telnyx-signature-ed25519'];
  const timestamp = request.headers['telnyx-timestamp'];
  return { signature: typeof signature === 'string' ? signature : undefined, timestamp: typeof timestamp === 'string' ? timestamp : undefined };
}
