import type { ConsentStatus } from '@optout/contracts';
import type { ConsentStateEntity, Suppression } from '@optout/database';

/**
 * What the gate knows of one (account, subscriber), and the version it knows it at:
 * `versionMs` is the `receivedAt` of the deciding message and `versionId` its message id,
 * the same order Postgres uses for last-writer-wins. `unknown` has version 0.
 */
export interface GateEntry {
  status: ConsentStatus;
  since: string | null;
  keyword: string | null;
  versionMs: number;
  versionId: string;
}

export const UNKNOWN_ENTRY: GateEntry = { status: 'unknown', since: null, keyword: null, versionMs: 0, versionId: '' };

/** What of a consent state the gate needs: a stored row, or a state an import batch wrote. */
export type DecidingState = Pick<ConsentStateEntity, 'status' | 'since' | 'keyword' | 'sourceMessageId'>;

export function entryOfState(state: DecidingState | null): GateEntry {
  if (!state) return UNKNOWN_ENTRY;
  return {
    status: state.status,
    since: state.since.toISOString(),
    keyword: state.keyword || null,
    versionMs: state.since.getTime(),
    versionId: state.sourceMessageId,
  };
}

/** An erased number's suppression as the gate sees it: blocked, ordered by the erasure's own version. */
export function entryOfSuppression(suppression: Suppression): GateEntry {
  return {
    status: 'opted_out',
    since: suppression.since.toISOString(),
    keyword: suppression.keyword || null,
    versionMs: suppression.versionAt.getTime(),
    versionId: suppression.versionId,
  };
}

/**
 * Message ids in byte order (of their UTF-8), the order of the `COLLATE "C"` columns and of
 * the gate's Lua scripts. Not JavaScript's `<`, which compares UTF-16 code units and differs
 * from byte order beyond the Basic Multilingual Plane.
 */
export function compareMessageIds(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The later of two decisions about one number, by the order Postgres uses: (receivedAt, message id). */
export function newerEntry(a: GateEntry, b: GateEntry): GateEntry {
  if (a.versionMs !== b.versionMs) return a.versionMs > b.versionMs ? a : b;
  return compareMessageIds(a.versionId, b.versionId) >= 0 ? a : b;
}

/** The gate's answer: `allowed` is false exactly when the subscriber opted out. */
export interface GateAnswer {
  phone: string;
  allowed: boolean;
  status: ConsentStatus;
  since?: string;
  keyword?: string;
}

export function answerOf(phone: string, entry: GateEntry): GateAnswer {
  const answer: GateAnswer = { phone, allowed: entry.status !== 'opted_out', status: entry.status };
  if (entry.since) answer.since = entry.since;
  if (entry.keyword) answer.keyword = entry.keyword;
  return answer;
}
