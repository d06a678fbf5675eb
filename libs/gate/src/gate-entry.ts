import type { ConsentStatus } from '@optout/contracts';

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
