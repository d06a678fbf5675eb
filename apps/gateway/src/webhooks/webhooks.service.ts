import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ConflictError, isUuid, messageOf, QueueName, UnavailableError, WEBHOOK_EVENT_TYPES } from '@optout/contracts';
import {
  decodePageCursor,
  DeliveryAttemptRepository,
  WebhookDeliveryEntity,
  WebhookDeliveryRepository,
  WebhookEndpointEntity,
  WebhookEndpointRepository,
} from '@optout/database';
import { targetUrlProblem } from '@optout/egress';
import { jobIds, JobProducer } from '@optout/queue';
import { ApiException } from '../http/api.exception';
import { CreateWebhookDto } from './create-webhook.dto';
import { endpointViewOf, webhookDeliveryViewOf } from './delivery.view';
import { DEFAULT_PAGE_SIZE, ListWebhookDeliveriesQuery } from './list-deliveries.query';
import { DEFAULT_ROTATION_GRACE_SECONDS, RotateSecretDto } from './rotate-secret.dto';
import { UpdateWebhookDto } from './update-webhook.dto';
import { generateWebhookSecret } from './webhook-secret.util';


@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveryRecords: WebhookDeliveryRepository,
    private readonly attempts: DeliveryAttemptRepository,
    private readonly producer: JobProducer,
  ) {}

  /** The secret is in this answer only. */
  async create(accountId: string, dto: CreateWebhookDto) {
    await this.assertTarget(dto.url);
    const endpoint = await this.endpoints.create({
      accountId,
      url: dto.url,
      events: dto.events ?? [...WEBHOOK_EVENT_TYPES],
      secret: generateWebhookSecret(),
    });
    return { ...endpointViewOf(endpoint), secret: endpoint.secret };
  }

  async list(accountId: string) {
    return { items: (await this.endpoints.listByAccount(accountId)).map((endpoint) => endpointViewOf(endpoint)) };
  }

  async get(accountId: string, id: string) {
    return endpointViewOf(await this.mustFind(accountId, id));
  }

  async update(accountId: string, id: string, dto: UpdateWebhookDto) {
    await this.mustFind(accountId, id);
    if (dto.url !== undefined) await this.assertTarget(dto.url);
    const updated = await this.endpoints.update(accountId, id, dto);
    if (!updated) throw ApiException.notFound(`Webhook ${id}`);
    return endpointViewOf(updated);
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.endpoints.deleteForAccount(accountId, id))) throw ApiException.notFound(`Webhook ${id}`);
  }

  /**
   * A new secret, shown in this answer only. The old one keeps signing beside it (two
   * space-separated signatures in `webhook-signature`) for the grace period, so receivers
   * can move to the new secret one at a time.
   */
  async rotateSecret(accountId: string, id: string, dto: RotateSecretDto) {
    await this.mustFind(accountId, id);
    const secret = generateWebhookSecret();
    const rotated = await this.endpoints.rotateSecret(accountId, id, secret, dto.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS);
    if (!rotated) throw ApiException.notFound(`Webhook ${id}`);
    return { ...endpointViewOf(rotated), secret };
  }

  async listDeliveries(accountId: string, id: string, query: ListWebhookDeliveriesQuery) {
    await this.mustFind(accountId, id);
    const after = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
    if (after === null) throw ApiException.validation([{ field: 'cursor', rule: 'cursor', message: 'cursor must be a nextCursor this API returned' }]);
    const page = await this.deliveryRecords.pageForEndpoint(id, { limit: query.limit ?? DEFAULT_PAGE_SIZE, status: query.status, after });
    const attempts = await this.attempts.ofWebhookDeliveries(page.items.map((delivery) => delivery.id));
    return { items: page.items.map((delivery) => webhookDeliveryViewOf(delivery, attempts.get(delivery.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** One delivery with its attempts and the exact body that is signed and sent. */
  async getDelivery(accountId: string, deliveryId: string) {
    const delivery = await this.mustFindDelivery(accountId, deliveryId);
    const attempts = await this.attempts.ofWebhookDeliveries([delivery.id]);
    return { ...webhookDeliveryViewOf(delivery, attempts.get(delivery.id) ?? []), payload: JSON.parse(delivery.payload) as unknown };
  }

  /**
   * Sends a finished delivery (dead-lettered, or succeeded) again: same body, same
   * `webhook-id`, a fresh timestamp and signature, and the whole retry schedule again.
   */
  async replay(accountId: string, deliveryId: string) {
    const delivery = await this.mustFindDelivery(accountId, deliveryId);
    const endpoint = await this.endpoints.findForAccount(accountId, delivery.endpointId);
    if (!endpoint) throw ApiException.notFound(`Delivery ${deliveryId}`);
    if (!endpoint.enabled) {
      throw new ApiException(
        409,
        'endpoint_disabled',
        `The endpoint of this delivery is disabled (${endpoint.disabledReason}); enable it with PATCH /v1/accounts/${accountId}/webhooks/${endpoint.id} {"enabled":true} first`,
      );
    }
    const started = await this.deliveryRecords.startReplay(accountId, deliveryId);
    if (!started) {
      throw new ConflictError('delivery_in_progress', `Delivery ${deliveryId} is still being sent or retried; replay it once it has succeeded or been dead-lettered`);
    }
    try {
      // A job id of its own per round: BullMQ would drop a repeat of the original's id.
      await this.producer.enqueue(QueueName.WebhookDeliveries, { v: 1, deliveryId }, { jobId: jobIds.webhookDelivery(deliveryId, started.round) });
    } catch (error) {
      await this.deliveryRecords.undoReplay(deliveryId, started);
      throw new UnavailableError('queue_unavailable', `Not replayed: the queue could not be written (${messageOf(error)}); retry later`, 1, { cause: error });
    }
    return { id: deliveryId, webhookId: deliveryId, status: 'pending' as const, round: started.round };
  }

  private async assertTarget(url: string): Promise<void> {
    const problem = await targetUrlProblem(url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw ApiException.validation([{ field: 'url', rule: 'webhook_target', message: `url ${problem}` }]);
  }

  private async mustFind(accountId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = isUuid(id) ? await this.endpoints.findForAccount(accountId, id) : null;
    if (!endpoint) throw ApiException.notFound(`Webhook ${id}`);
    return endpoint;
  }

  private async mustFindDelivery(accountId: string, deliveryId: string): Promise<WebhookDeliveryEntity> {
    const delivery = isUuid(deliveryId) ? await this.deliveryRecords.findForAccount(accountId, deliveryId) : null;
    if (!delivery) throw ApiException.notFound(`Delivery ${deliveryId}`);
    return delivery;
  }
}
