import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { DataSource, EntityTarget, FindOptionsWhere } from 'typeorm';
import { DATA_SOURCE } from '../database.tokens';
import { newestFirstPage, Page, PageCursor } from './page-cursor.util';

/**
 * What webhook deliveries and reply deliveries keep alike: a row written once per job
 * (however often the job runs), a dead letter without a request, and newest-first pages.
 * Each subclass names its entity, table and unique constraint; their SQL is theirs, not a
 * caller's, so it is written into the statements.
 */
export abstract class DeliveryTable<Delivery extends { id: string; status: string }> {
  protected abstract readonly entity: EntityTarget<Delivery>;
  protected abstract readonly table: string;
  /** The unique constraint a repeated job's insert meets. */
  protected abstract readonly uniqueConstraint: string;

  constructor(@Inject(DATA_SOURCE) protected readonly dataSource: DataSource) {}

  protected get repo() {
    return this.dataSource.getRepository(this.entity);
  }

  /** Given up without a request (the endpoint disabled or deleted meanwhile, a carrier transport whose credentials are gone): no attempt row. */
  async markDead(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.table} SET status = 'dead', last_error = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** A pending row (columns by their SQL names) unless the unique key is taken; either way the row that holds it. */
  protected async insertOnce(columns: Record<string, unknown>, uniqueKey: FindOptionsWhere<Delivery>): Promise<Delivery> {
    const names = Object.keys(columns);
    const placeholders = names.map((_, index) => `$${index + 2}`);
    await this.dataSource.query(
      `INSERT INTO ${this.table} (id, ${names.join(', ')}, status) VALUES ($1, ${placeholders.join(', ')}, 'pending')
       ON CONFLICT ON CONSTRAINT ${this.uniqueConstraint} DO NOTHING`,
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
