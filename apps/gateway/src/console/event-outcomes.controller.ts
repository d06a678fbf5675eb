import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DATA_SOURCE, ReplyDeliveryEntity, WebhookDeliveryEntity } from '@optout/database';
import { ApiKeyGuard } from '../auth/auth.guards';
import { AuthenticatedAccount } from '../auth/authenticated-account.decorator';
import { ApiException } from '../http/api.exception';
import { isUuid } from '@optout/contracts';

export const MAX_EVENT_IDS = 200;

export interface EventOutcomeView {
  eventId: string;
  /** The confirmation text of the event; null when none was sent (an import, a manual change, no transport). */
  reply: { id: string; status: string; attemptCount: number; lastError: string | null; updatedAt: string } | null;
  /** One per webhook endpoint the event went to. */
  webhooks: Array<{ id: string; endpointId: string; status: string; attemptCount: number; replays: number; lastStatusCode: number | null; updatedAt: string }>;
}

/** `?eventId=a&eventId=b` or `?eventId=a,b`: ledger event ids of this account, at most 200. */
export function parseEventIds(raw: unknown): string[] {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((value) => String(value).split(','));
  const ids = [...new Set(values.map((value) => value.trim().toLowerCase()).filter((value) => value !== ''))];
  if (ids.length === 0) throw ApiException.validation([{ field: 'eventId', rule: 'required', message: 'eventId must name at least one ledger event id' }]);
  if (ids.length > MAX_EVENT_IDS) throw ApiException.validation([{ field: 'eventId', rule: 'max_items', message: `eventId may name at most ${MAX_EVENT_IDS} events per request` }]);
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw ApiException.validation([{ field: 'eventId', rule: 'uuid', message: `eventId ${JSON.stringify(bad.slice(0, 60))} is not a ledger event id (a UUID)` }]);
  return ids;
}

/**
 * `GET /v1/accounts/:accountId/event-outcomes?eventId=…`: what became of ledger events — the
 * confirmation text and each webhook delivery, with status and attempts. The consent timeline
 * shows it next to each row of `GET /consent/:phone` ("was the STOP confirmed, was the CRM told?").
 * Events of other accounts are simply not found: their ids answer an empty outcome.
 */
@Controller('v1/accounts/:accountId/event-outcomes')
@UseGuards(ApiKeyGuard)
export class EventOutcomesController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  async list(@AuthenticatedAccount() accountId: string, @Query('eventId') rawIds: unknown): Promise<{ items: EventOutcomeView[] }> {
    const eventIds = parseEventIds(rawIds);
    const [replies, webhooks] = await Promise.all([
      this.dataSource.getRepository(ReplyDeliveryEntity).find({ where: { accountId, eventId: In(eventIds) } }),
      this.dataSource.getRepository(WebhookDeliveryEntity).find({ where: { accountId, eventId: In(eventIds) }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      items: eventIds.map((eventId) => {
        const reply = replies.find((candidate) => candidate.eventId === eventId);
        return {
          eventId,
          reply: reply
            ? { id: reply.id, status: reply.status, attemptCount: reply.attempts, lastError: reply.lastError, updatedAt: reply.updatedAt.toISOString() }
            : null,
          webhooks: webhooks
            .filter((delivery) => delivery.eventId === eventId)
            .map((delivery) => ({
              id: delivery.id,
              endpointId: delivery.endpointId,
              status: delivery.status,
              attemptCount: delivery.attempts,
              replays: delivery.replays,
              lastStatusCode: delivery.lastStatusCode,
              updatedAt: delivery.updatedAt.toISOString(),
            })),
        };
      }),
    };
  }
}
