/**
 * The block list is paged in phone order (a unique, stable key per account): the cursor is
 * the last number of the previous page, encoded so that clients treat it as opaque.
 */
export function encodeBlocklistCursor(lastPhone: string): string {
  return Buffer.from(`p1:${lastPhone}`).toString('base64url');
}

/** The number a cursor stands after, or null when it is not one this API gave out. */
export function decodeBlocklistCursor(raw: string): string | null {
  const match = /^p1:(\+\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match ? match[1] : null;
}

export type SearchRange = { from: string; to: string | null } | { error: string };

/**
 * `search` is a prefix of the E.164 number: `+1202`, `1202` and `+1 (202)` all find every
 * number starting +1202. A prefix is a range of the phone index ([+1202, +1203)), so a
 * search costs the same as a page. Spaces, dashes, dots and brackets are ignored.
 */
export function searchRangeOf(search: string): SearchRange {
  const compact = search.replace(/[\s().-]/g, '');
  if (!/^\+?\d{1,15}$/.test(compact)) return { error: 'search must be the start of an E.164 number: digits, optionally after a +' };
  const from = compact.startsWith('+') ? compact : `+${compact}`;
  return { from, to: nextPrefix(from) };
}

/** The smallest string above every number starting with `prefix` ('+1209' → '+121'); null: none. */
function nextPrefix(prefix: string): string | null {
  let digits = prefix.slice(1);
  while (digits.length > 0 && digits.endsWith('9')) digits = digits.slice(0, -1);
  if (digits.length === 0) return null;
  return `+${digits.slice(0, -1)}${Number(digits.slice(-1)) + 1}`;
}
