import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DeliveryAttemptEntity } from '../entities';
import { DATA_SOURCE } from '../database.tokens';

/** Reads the attempts of deliveries; they are written with the delivery they belong to. */
@Injectable()
export class DeliveryAttemptRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Attempts of these webhook deliveries, by delivery id, oldest first. */
  async ofWebhookDeliveries(deliveryIds: string[]): Promise<Map<string, DeliveryAttemptEntity[]>> {
    if (deliveryIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(DeliveryAttemptEntity)
      .find({ where: { webhookDeliveryId: In(deliveryIds) }, order: { attempt: 'ASC', attemptedAt: 'ASC' } });
    return groupBy(rows, (row) => row.webhookDeliveryId!);
  }

  /** Attempts of these reply deliveries, by delivery id, oldest first. */
  async ofReplyDeliveries(deliveryIds: string[]): Promise<Map<string, DeliveryAttemptEntity[]>> {
    if (deliveryIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(DeliveryAttemptEntity)
      .find({ where: { replyDeliveryId: In(deliveryIds) }, order: { attempt: 'ASC', attemptedAt: 'ASC' } });
    return groupBy(rows, (row) => row.replyDeliveryId!);
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
