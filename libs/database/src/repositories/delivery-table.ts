import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { DataSource, EntityTarget, FindOptionsWhere } from 'typeorm';
import { DATA_SOURCE } from '../database.tokens';
import { newestFirstPage, Page, PageCursor } from './page-cursor.util';

/** A delivery table: its entity, its SQL name, and the unique constraint a repeated job's insert meets. */
export interface DeliveryTableSpec<Delivery> {
  entity: EntityTarget<Delivery>;
  name: string;
  uniqueConstraint: string;
}

/**
 * The base of the webhook and reply delivery repositories, for what they keep alike: a row
 * written once per job (however often the job runs), a dead letter without a request, and
 * newest-first pages. Made per table (as Nest's mapped types are) so that a subclass is only
 * its own queries. The table's names are ours, not a caller's, so they are written into the SQL.
 */
export function DeliveryTable<Delivery extends { id: string; status: string }>(table: DeliveryTableSpec<Delivery>) {
  abstract class DeliveryTableOf {
    constructor(@Inject(DATA_SOURCE) protected readonly dataSource: DataSource) {}

    protected get repo() {
      return this.dataSource.getRepository(table.entity);
    }

    /** Given up without a request (the endpoint disabled or deleted meanwhile, a carrier transport whose credentials are gone): no attempt row. */
    async markDead(id: string, reason: string): Promise<void> {
      await this.dataSource.query(`UPDATE ${table.name} SET status = 'dead', last_error = $2, updated_at = now() WHERE id = $1`, [id, reason]);
    }

    /** A pending row (columns by their SQL names) unless the unique key is taken; either way the row that holds it. */
    protected async insertOnce(columns: Record<string, unknown>, uniqueKey: FindOptionsWhere<Delivery>): Promise<Delivery> {
      const names = Object.keys(columns);
      const placeholders = names.map((_, index) => `$${index + 2}`);
      await this.dataSource.query(
        `INSERT INTO ${table.name} (id, ${names.join(', ')}, status) VALUES ($1, ${placeholders.join(', ')}, 'pending')
         ON CONFLICT ON CONSTRAINT ${table.uniqueConstraint} DO NOTHING`,
        [randomUUID(), ...Object.values(columns)],
      );
      return this.repo.findOneByOrFail(uniqueKey);
    }

    /** Rows where `column` is `value`, newest first, of one status if asked. */
    protected pageWhere(column: string, value: string, options: { limit: number; status?: Delivery['status']; after?: PageCursor }): Promise<Page<Delivery>> {
      const query = this.repo.createQueryBuilder('d').where(`d.${column} = :value`, { value });
      if (options.status) query.andWhere('d.status = :status', { status: options.status });
      return newestFirstPage(query, 'd', options);
    }
  }
  return DeliveryTableOf;
}
