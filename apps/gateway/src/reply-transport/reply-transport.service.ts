import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import {
  decodePageCursor,
  DeliveryAttemptRepository,
  ReplyDeliveryRepository,
  ReplyTransportEntity,
  ReplyTransportRepository,
  TelnyxCredentialRepository,
  TwilioCredentialRepository,
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
    private readonly twilioCredentials: TwilioCredentialRepository,
    private readonly telnyxCredentials: TelnyxCredentialRepository,
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
      return this.viewOf(await this.transports.put(accountId, { type: 'http', url: dto.url! }));
    }
    if (dto.type === 'telnyx' && !telnyxPublicKeyOf(dto.publicKey!)) {
      throw ApiException.validation([
        { field: 'publicKey', rule: 'ed25519_public_key', message: 'publicKey must be the base64 public key Telnyx shows in its portal (32 bytes, 44 characters ending in "=")' },
      ]);
    }
    if (dto.baseUrl !== undefined) await this.assertTarget('baseUrl', dto.baseUrl);
    if (dto.type === 'telnyx') {
      const transport = await this.transports.putTelnyx(accountId, {
        apiKey: dto.apiKey!,
        publicKey: dto.publicKey!.trim(),
        messagingProfileId: dto.messagingProfileId ?? null,
        baseUrl: dto.baseUrl ?? null,
      });
      return this.viewOf(transport);
    }
    const transport = await this.transports.putTwilio(accountId, {
      accountSid: dto.accountSid!,
      authToken: dto.authToken!,
      baseUrl: dto.baseUrl ?? null,
      messagingServiceSid: dto.messagingServiceSid ?? null,
    });
    return this.viewOf(transport);
  }

  async get(accountId: string) {
    const transport = await this.transports.find(accountId);
    if (!transport) throw ApiException.notFound('A reply transport for this account');
    return this.viewOf(transport);
  }

  async listDeliveries(accountId: string, query: ListReplyDeliveriesQuery) {
    const after = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
    if (after === null) throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be a nextCursor this API returned' }]);
    const page = await this.replies.pageForAccount(accountId, { limit: query.limit ?? DEFAULT_PAGE_SIZE, status: query.status, after });
    const attempts = await this.attempts.ofReplyDeliveries(page.items.map((reply) => reply.id));
    return { items: page.items.map((reply) => replyDeliveryViewOf(reply, attempts.get(reply.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** Never the auth token or the API key: they are written, not read back. */
  private async viewOf(transport: ReplyTransportEntity) {
    const updatedAt = transport.updatedAt.toISOString();
    if (transport.config.type === 'http') return { type: 'http' as const, url: transport.config.url, updatedAt };
    if (transport.config.type === 'telnyx') {
      const telnyx = await this.telnyxCredentials.findForAccount(transport.accountId);
      return {
        type: 'telnyx' as const,
        messagingProfileId: telnyx?.messagingProfileId ?? null,
        publicKey: telnyx?.publicKey ?? null,
        baseUrl: telnyx?.baseUrl ?? null,
        apiKeySet: telnyx !== null,
        updatedAt,
      };
    }
    const credentials = await this.twilioCredentials.findForAccount(transport.accountId);
    return {
      type: 'twilio' as const,
      accountSid: credentials?.accountSid ?? null,
      messagingServiceSid: credentials?.messagingServiceSid ?? null,
      baseUrl: credentials?.baseUrl ?? null,
      authTokenSet: credentials !== null,
      updatedAt,
    };
  }

  private async assertTarget(field: string, url: string): Promise<void> {
    const problem = await targetUrlProblem(url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw ApiException.validation([{ field, rule: 'reply_target', message: `${field} ${problem}` }]);
  }
}
