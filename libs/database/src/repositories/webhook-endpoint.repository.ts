import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookEndpointEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';
import { sealSecret } from '../secrets/sealed-column';

export type NewWebhookEndpoint = Pick<WebhookEndpointEntity, 'accountId' | 'url' | 'events' | 'secret'>;

@Injectable()
export class WebhookEndpointRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WebhookEndpointEntity);
  }

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointEntity> {
    const id = randomUUID();
    await this.repo.insert({ ...endpoint, id, enabled: true, disabledReason: null, disabledAt: null, previousSecret: null, previousSecretExpiresAt: null });
    return this.repo.findOneByOrFail({ id });
  }

  /**
   * The new secret signs from now on; the one it replaces keeps signing beside it for
   * `graceSeconds` (none when 0). A second rotation within the grace period drops the oldest.
   */
  async rotateSecret(accountId: string, id: string, secret: string, graceSeconds: number): Promise<WebhookEndpointEntity | null> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const rows: unknown[] = await this.dataSource.query(
      `WITH rotated AS (
         UPDATE webhook_endpoints
            SET previous_secret = CASE WHEN $4::integer > 0 THEN secret END,
                previous_secret_expires_at = CASE WHEN $4::integer > 0 THEN now() + make_interval(secs => $4::integer) END,
                secret = $3
          WHERE id = $1 AND account_id = $2
         RETURNING id)
       SELECT id FROM rotated`,
      [id, accountId, sealSecret(secret), graceSeconds],
    );
    return rows.length > 0 ? this.repo.findOneBy({ id }) : null;
  }

  /** Changes what the business may change; enabling clears why it was disabled. */
  async update(accountId: string, id: string, changes: { url?: string; events?: string[]; enabled?: boolean }): Promise<WebhookEndpointEntity | null> {
    const set: Partial<WebhookEndpointEntity> = {};
    if (changes.url !== undefined) set.url = changes.url;
    if (changes.events !== undefined) set.events = changes.events;
    if (changes.enabled === true) Object.assign(set, { enabled: true, disabledReason: null, disabledAt: null });
    if (changes.enabled === false) Object.assign(set, { enabled: false, disabledReason: 'disabled by the account', disabledAt: new Date() });
    if (Object.keys(set).length > 0) await this.repo.update({ accountId, id }, set);
    return this.repo.findOneBy({ accountId, id });
  }

  /** Stops deliveries to the endpoint (it answered 410 Gone); the business re-enables it. */
  async disable(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now() WHERE id = $1 AND enabled',
      [id, reason],
    );
  }

  listByAccount(accountId: string): Promise<WebhookEndpointEntity[]> {
    return this.repo.find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  findForAccount(accountId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return this.repo.findOneBy({ accountId, id });
  }

  findById(id: string): Promise<WebhookEndpointEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async deleteForAccount(accountId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ accountId, id });
    return (result.affected ?? 0) > 0;
  }

  /** Enabled endpoints of the account that asked for this event type. */
  subscribedTo(accountId: string, eventType: string): Promise<WebhookEndpointEntity[]> {
    return this.repo
      .createQueryBuilder('e')
      .where('e.account_id = :accountId AND e.enabled AND :eventType = ANY(e.events)', { accountId, eventType })
      .orderBy('e.created_at')
      .getMany();
  }
}
