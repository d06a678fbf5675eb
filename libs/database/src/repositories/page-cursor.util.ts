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
