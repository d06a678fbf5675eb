import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import {
  decodePageCursor,
  DeliveryAttemptRepository,
  ReplyDeliveryRepository,
  ReplyTransportRepository,
  ReplyTransportWithCredentials,
} from '@optout/database';
import { telnyxPublicKeyOf } from '@optout/carriers';
import { targetUrlProblem } from '@optout/egress';
import { ApiException } from '../http/api.exception';
import { replyDeliveryViewOf } from '../webhooks/delivery.view';
import { DEFAULT_PAGE_SIZE, ListReplyDeliveriesQuery } from '../webhooks/list-deliveries.query';
import { FIELDS_OF_TYPE, ReplyTransportDto } from './reply-transport.dto';

@Injectable()
export class ReplyTransportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transports: ReplyTransportRepository,
    private readonly replies: ReplyDeliveryRepository,
    private readonly attempts: DeliveryAttemptRepository,
  ) {}

  /** Replaces the account's transport. Every URL is checked against the SSRF policy now, and again by the dispatcher on each connection. */
  async put(accountId: string, dto: ReplyTransportDto) {
    const given = dto as unknown as Record<string, unknown>;
    const misplaced = Object.values(FIELDS_OF_TYPE)
      .flat()
      .filter((field) => !FIELDS_OF_TYPE[dto.type].includes(field) && given[field] !== undefined);
    if (misplaced.length > 0) {
      throw ApiException.validation(misplaced.map((field) => ({ field, rule: 'not_for_type', message: `${field} does not apply to type "${dto.type}"` })));
    }

    if (dto.type === 'http') {
      await this.assertTarget('url', dto.url!);
      await this.transports.put(accountId, { type: 'http', url: dto.url! });
      return this.get(accountId);
    }
    if (dto.type === 'telnyx' && !telnyxPublicKeyOf(dto.publicKey!)) {
      throw ApiException.validation([
        { field: 'publicKey', rule: 'ed25519_public_key', message: 'publicKey must be the base64 public key Telnyx shows in its portal (32 bytes, 44 characters ending in "=")' },
      ]);
    }
    if (dto.baseUrl !== undefined) await this.assertTarget('baseUrl', dto.baseUrl);
    if (dto.type === 'telnyx') {
      await this.transports.putTelnyx(accountId, {
        apiKey: dto.apiKey!,
        publicKey: dto.publicKey!.trim(),
        messagingProfileId: dto.messagingProfileId ?? null,
        baseUrl: dto.baseUrl ?? null,
      });
    } else {
      await this.transports.putTwilio(accountId, {
        accountSid: dto.accountSid!,
        authToken: dto.authToken!,
        baseUrl: dto.baseUrl ?? null,
        messagingServiceSid: dto.messagingServiceSid ?? null,
      });
    }
    return this.get(accountId);
  }

  async get(accountId: string) {
    const found = await this.transports.findWithCredentials(accountId);
    if (!found) throw ApiException.notFound('A reply transport for this account');
    return viewOf(found);
  }

  async listDeliveries(accountId: string, query: ListReplyDeliveriesQuery) {
    const after = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
    if (after === null) throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be a nextCursor this API returned' }]);
    const page = await this.replies.pageForAccount(accountId, { limit: query.limit ?? DEFAULT_PAGE_SIZE, status: query.status, after });
    const attempts = await this.attempts.ofReplyDeliveries(page.items.map((reply) => reply.id));
    return { items: page.items.map((reply) => replyDeliveryViewOf(reply, attempts.get(reply.id) ?? [])), nextCursor: page.nextCursor };
  }

  private async assertTarget(field: string, url: string): Promise<void> {
    const problem = await targetUrlProblem(url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw ApiException.validation([{ field, rule: 'reply_target', message: `${field} ${problem}` }]);
  }
}

/** Never the auth token or the API key: they are written, not read back. */
function viewOf(found: ReplyTransportWithCredentials) {
  const updatedAt = found.transport.updatedAt.toISOString();
  switch (found.type) {
    case 'http':
      return { type: 'http' as const, url: found.url, updatedAt };
    case 'telnyx':
      return { type: 'telnyx' as const, ...storedFields(found.credentials, ['messagingProfileId', 'publicKey', 'baseUrl']), apiKeySet: found.credentials !== null, updatedAt };
    case 'twilio':
      return { type: 'twilio' as const, ...storedFields(found.credentials, ['accountSid', 'messagingServiceSid', 'baseUrl']), authTokenSet: found.credentials !== null, updatedAt };
  }
}

/** The named fields of a carrier's stored credentials, each null when the credentials are gone. */
function storedFields<Credentials, Field extends keyof Credentials>(credentials: Credentials | null, fields: Field[]): { [F in Field]: Credentials[F] | null } {
  return Object.fromEntries(fields.map((field) => [field, credentials?.[field] ?? null])) as { [F in Field]: Credentials[F] | null };
}
