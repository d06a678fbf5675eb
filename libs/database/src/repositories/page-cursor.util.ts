import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from '@optout/contracts';

/**
 * Keyset pagination over (created_at, id), newest first. Postgres keeps microseconds and a
 * JavaScript Date only milliseconds, so the cursor carries the microseconds as Postgres
 * gave them: rows created within the same millisecond are neither skipped nor repeated.
 */
export interface PageCursor {
  createdUs: string;
  id: string;
}

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdUs}.${cursor.id}`).toString('base64url');
}

/**
 * Microseconds since the epoch a cursor may carry: up to 16 digits (until the year 2286), well
 * inside what Postgres's bigint and timestamptz arithmetic accept. A larger number could only
 * come from a tampered cursor, and would make the query fail (a 500) instead of a 400.
 */
const CREATED_US = /^\d{1,16}$/;

/** The cursor, or null when `raw` is not one this API gave out (nor could be). */
export function decodePageCursor(raw: string): PageCursor | null {
  const [createdUs, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('.');
  if (rest.length > 0 || createdUs === undefined || id === undefined) return null;
  return CREATED_US.test(createdUs) && isUuid(id) ? { createdUs, id: id.toLowerCase() } : null;
}

/** SQL selecting a row's `created_at` in microseconds since the epoch, as text. */
export const CREATED_US_SQL = (alias: string) => `(extract(epoch from ${alias}.created_at) * 1000000)::bigint::text`;

/** SQL condition: the row comes after the cursor (older). Parameters `cursorUs` and `cursorId`. */
export const AFTER_CURSOR_SQL = (alias: string) =>
  `(${alias}.created_at, ${alias}.id) < (timestamptz 'epoch' + CAST(:cursorUs AS bigint) * interval '1 microsecond', CAST(:cursorId AS uuid))`;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of the rows `query` selects (filtered by the caller; `alias` is its alias), newest
 * first, after `after`. One row more than `limit` is read to know whether a next page exists.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  options: { limit: number; after?: PageCursor },
): Promise<Page<T>> {
  query
    .addSelect(CREATED_US_SQL(alias), 'created_us')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(options.limit + 1);
  if (options.after) query.andWhere(AFTER_CURSOR_SQL(alias), { cursorUs: options.after.createdUs, cursorId: options.after.id });
  const { entities, raw } = await query.getRawAndEntities<{ created_us: string }>();
  const items = entities.slice(0, options.limit);
  const last = items.length > 0 && entities.length > options.limit ? items.length - 1 : -1;
  return { items, nextCursor: last >= 0 ? encodePageCursor({ createdUs: raw[last].created_us, id: items[last].id }) : null };
}
