import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { WEBHOOK_EVENT_TYPES } from '@optout/contracts';
import { WebhookDeliveryEntity, WebhookDeliveryRepository, WebhookEndpointEntity, WebhookEndpointRepository } from '@optout/database';
import { targetUrlProblem } from '@optout/egress';
import { ApiException } from '../http/api.exception';
import { CreateWebhookDto } from './create-webhook.dto';
import { generateWebhookSecret } from './webhook-secret.util';

@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveryRecords: WebhookDeliveryRepository,
  ) {}

  /** The secret is in this answer only. */
  async create(accountId: string, dto: CreateWebhookDto) {
    const problem = await targetUrlProblem(dto.url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw ApiException.validation([{ field: 'url', rule: 'webhook_target', message: `url ${problem}` }]);
    const endpoint = await this.endpoints.create({
      accountId,
      url: dto.url,
      events: dto.events ?? [...WEBHOOK_EVENT_TYPES],
      secret: generateWebhookSecret(),
    });
    return { ...viewOf(endpoint), secret: endpoint.secret };
  }

  async list(accountId: string) {
    return { items: (await this.endpoints.listByAccount(accountId)).map(viewOf) };
  }

  async get(accountId: string, id: string) {
    return viewOf(await this.mustFind(accountId, id));
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.endpoints.deleteForAccount(accountId, id))) throw ApiException.notFound(`Webhook ${id}`);
  }

  async listDeliveries(accountId: string, id: string) {
    await this.mustFind(accountId, id);
    return { items: (await this.deliveryRecords.listForEndpoint(id, 100)).map(deliveryViewOf) };
  }

  private async mustFind(accountId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = /^[0-9a-f-]{36}$/i.test(id) ? await this.endpoints.findForAccount(accountId, id) : null;
    if (!endpoint) throw ApiException.notFound(`Webhook ${id}`);
    return endpoint;
  }
}

function viewOf(endpoint: WebhookEndpointEntity) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

function deliveryViewOf(delivery: WebhookDeliveryEntity) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}
