import { createHash } from 'node:crypto';
import { toE164 } from '@optout/phone';
import { unneutraliseFormula } from './csv-field.util';

/** The columns of an import file, positionally `phone[,optedOutAt][,keyword]`. */
export type ImportColumn = 'phone' | 'optedOutAt' | 'keyword' | 'source';

export const POSITIONAL_COLUMNS: readonly ImportColumn[] = ['phone', 'optedOutAt', 'keyword'];

/** `source` is the fourth column of the block-list export: accepted so that an export imports back, and ignored (an imported row's source is `import`). */
const HEADER_NAMES: Record<string, ImportColumn> = { phone: 'phone', optedoutat: 'optedOutAt', keyword: 'keyword', source: 'source' };

/** Longer keywords are not keywords: most likely a column mix-up. */
export const MAX_KEYWORD_LENGTH = 64;

/** Clock skew allowed for an `optedOutAt` in the future: beyond it the date is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export type HeaderReading = { header: false } | { header: true; columns: ImportColumn[] } | { header: true; error: string };

/**
 * A first record is a header when one of its fields is `phone` (any case; `_`, `-` and spaces
 * ignored, so `opted_out_at` and `Opted Out At` name `optedOutAt`). Its columns may then come
 * in any order; an unknown or repeated name refuses the file.
 */
export function readHeader(fields: string[]): HeaderReading {
  const names = fields.map((field) => field.trim().toLowerCase().replace(/[\s_-]/g, ''));
  if (!names.includes('phone')) return { header: false };
  const columns: ImportColumn[] = [];
  for (const [index, name] of names.entries()) {
    const column = HEADER_NAMES[name];
    if (!column) return { header: true, error: `header column ${index + 1} ("${fields[index].trim()}") is not one of phone, optedOutAt, keyword, source` };
    if (columns.includes(column)) return { header: true, error: `the header names ${column} twice` };
    columns.push(column);
  }
  return { header: true, columns };
}

export interface ImportRowContext {
  /** For national-format numbers; null: only E.164 is accepted. */
  defaultCountry: string | null;
  /** When the import started: the opt-out time of rows without `optedOutAt`. */
  importedAt: Date;
  now: number;
}

export interface PreparedImportRow {
  phone: string;
  /** ISO-8601 UTC, milliseconds: the `receivedAt` that orders this opt-out against others. */
  receivedAt: string;
  keyword: string;
  /** Derived from the row's content: the same row imported again is the same ledger row. */
  sourceMessageId: string;
}

export type ImportRowError = { code: 'invalid_phone' | 'invalid_opted_out_at' | 'invalid_keyword' | 'too_many_columns' | 'unreadable_row'; message: string };

export function prepareImportRow(fields: string[], columns: readonly ImportColumn[], context: ImportRowContext): PreparedImportRow | ImportRowError {
  if (fields.length > columns.length && fields.slice(columns.length).some((field) => field.trim() !== '')) {
    return { code: 'too_many_columns', message: `the row has ${fields.length} columns; expected ${columns.join(',')}` };
  }
  let rawPhone = '';
  let rawDate = '';
  let keyword = '';
  for (let i = 0; i < columns.length && i < fields.length; i++) {
    if (columns[i] === 'phone') rawPhone = fields[i];
    else if (columns[i] === 'optedOutAt') rawDate = fields[i].trim();
    // An export writes a keyword a spreadsheet would run as `'=…`: read back as it was stored.
    else if (columns[i] === 'keyword') keyword = unneutraliseFormula(fields[i].trim());
  }
  const phone = toE164(rawPhone, context.defaultCountry);
  if (!phone.ok) return { code: 'invalid_phone', message: `phone "${clip(rawPhone.trim())}" ${phone.reason}` };
  let optedOutAt: string | null = null;
  if (rawDate !== '') {
    const at = parseOptedOutAt(rawDate);
    if (at === null) return { code: 'invalid_opted_out_at', message: `optedOutAt "${clip(rawDate)}" is not an ISO-8601 date (2024-05-01) or date-time (2024-05-01T09:30:00Z)` };
    if (at > context.now + FUTURE_TOLERANCE_MS) return { code: 'invalid_opted_out_at', message: `optedOutAt ${rawDate} is in the future` };
    optedOutAt = new Date(at).toISOString();
  }
  if (keyword.length > MAX_KEYWORD_LENGTH) return { code: 'invalid_keyword', message: `keyword is longer than ${MAX_KEYWORD_LENGTH} characters` };
  // The reader decodes leniently (a bad byte becomes U+FFFD); such a keyword must not reach the ledger.
  if (keyword.includes('\uFFFD')) return { code: 'invalid_keyword', message: 'keyword is not valid UTF-8; save the file as UTF-8' };
  return {
    phone: phone.e164,
    receivedAt: optedOutAt ?? context.importedAt.toISOString(),
    keyword,
    sourceMessageId: importMessageId(phone.e164, optedOutAt, keyword),
  };
}

/**
 * `import:<sha256 of the normalised row>`: what makes an import idempotent. The date is the
 * normalised one, so `2024-05-01` and `2024-05-01T00:00:00Z` are the same row; a row without
 * a date is the same row whenever it is imported (it keeps the time of its first import).
 */
export function importMessageId(phone: string, optedOutAt: string | null, keyword: string): string {
  return `import:${createHash('sha256').update(`${phone}\n${optedOutAt ?? ''}\n${keyword}`).digest('base64url')}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Milliseconds since the epoch, or null. A date alone is midnight UTC; a date-time without a
 * zone is read as UTC (the API's times are UTC), never as the server's local time.
 */
export function parseOptedOutAt(raw: string): number | null {
  const match = DATE_TIME.exec(raw);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3, 5)) > 59) return null;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
