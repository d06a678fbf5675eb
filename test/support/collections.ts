/** Small helpers the reliability suites share for shaping load and judging what arrived. */

/** `items` cut into consecutive pieces of `size` (the last may be shorter). */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/** Each key with the distinct values seen for it, e.g. phone → the idempotency keys it was sent. */
export function groupDistinct(pairs: Array<[string, string]>): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const [key, value] of pairs) groups.set(key, (groups.get(key) ?? new Set<string>()).add(value));
  return groups;
}
