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

/** The cursor, or null when `raw` is not one this API gave out. */
export function decodePageCursor(raw: string): PageCursor | null {
  const match = /^(\d{1,20})\.([0-9a-f-]{36})$/i.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match ? { createdUs: match[1], id: match[2].toLowerCase() } : null;
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
