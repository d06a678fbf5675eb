import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DeliveryAttemptEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

/** Reads the attempts of deliveries; they are written with the delivery they belong to. */
@Injectable()
export class DeliveryAttemptRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Attempts of these webhook deliveries, by delivery id, oldest first. */
  ofWebhookDeliveries(deliveryIds: string[]): Promise<Map<string, DeliveryAttemptEntity[]>> {
    return this.ofDeliveries('webhookDeliveryId', deliveryIds);
  }

  /** Attempts of these reply deliveries, by delivery id, oldest first. */
  ofReplyDeliveries(deliveryIds: string[]): Promise<Map<string, DeliveryAttemptEntity[]>> {
    return this.ofDeliveries('replyDeliveryId', deliveryIds);
  }

  /** An attempt belongs to a webhook delivery or to a reply: `owner` names which column holds its delivery's id. */
  private async ofDeliveries(owner: 'webhookDeliveryId' | 'replyDeliveryId', deliveryIds: string[]): Promise<Map<string, DeliveryAttemptEntity[]>> {
    if (deliveryIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(DeliveryAttemptEntity).find({ where: { [owner]: In(deliveryIds) }, order: { attempt: 'ASC', attemptedAt: 'ASC' } });
    return groupBy(rows, (row) => row[owner]!);
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}
