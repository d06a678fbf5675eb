import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookEndpointEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

export type NewWebhookEndpoint = Pick<WebhookEndpointEntity, 'accountId' | 'url' | 'events' | 'secret'>;

@Injectable()
export class WebhookEndpointRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WebhookEndpointEntity);
  }

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointEntity> {
    const id = randomUUID();
    await this.repo.insert({ ...endpoint, id, enabled: true, disabledReason: null });
    return this.repo.findOneByOrFail({ id });
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
