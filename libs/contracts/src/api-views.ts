import type { ConsentStatus } from './consent-kind';

/**
 * The JSON the gateway answers with, as the console reads it: the gateway builds these from
 * its entities (apps/gateway/src/…/*.view.ts), the console imports them with `import type`.
 * Types only, and no import outside libs/contracts, so that the browser build can read them.
 */

/** One item of the review queue as the API shows it (GET/POST …/reviews, docs/compliance.md). */
export interface ReviewView {
  id: string;
  phone: string;
  sender: string;
  body: string;
  messageId: string;
  receivedAt: string;
  /** receivedAt + 10 business days. */
  deadline: string;
  rule: string;
  language: string | null;
  status: 'pending' | 'decided';
  decision?: 'optOut' | 'dismiss';
  decidedAt?: string;
  /** The API key that decided. */
  decidedBy?: string | null;
  /** The ledger row an `optOut` decision wrote. */
  consentEventId?: string | null;
}

/** One number of the block list (GET …/blocklist, docs/blocklist.md). */
export interface BlocklistItemView {
  phone: string;
  since: string;
  keyword: string | null;
  source: string;
}

/**
 * Where a number stands. `source` is the ledger source of the deciding row (`sms`, `api`,
 * `import`), or `erasure` when the number is blocked by the suppression its erasure left.
 */
export interface ConsentStateView {
  phone: string;
  status: ConsentStatus;
  since: string | null;
  keyword: string | null;
  source: string | null;
  /** When the number's personal data was last erased; null if never. */
  erasedAt: string | null;
}

/** One ledger row. An erased row keeps its kind, source, times and profile version; its personal fields are null. */
export interface ConsentEventView {
  eventId: string;
  kind: string;
  keyword: string | null;
  /** `keyword` or `phrase` for a text; null for manual changes and imports. */
  match: string | null;
  /** The revocation phrase rule (`en.stop-texting`) of a phrase opt-out or a review decision. */
  rule: string | null;
  scope: { country?: string; language?: string } | null;
  language: string | null;
  country: string | null;
  profileVersion: number | null;
  source: string;
  messageId: string | null;
  sender: string | null;
  receivedAt: string;
  appliedAt: string;
  apiKeyId: string | null;
  reason: string | null;
  /** The carrier's own code when the carrier made the decision (source `carrier`): `21610`, `40300`, `STOP` … */
  carrierCode: string | null;
  erasedAt: string | null;
}

/** GET …/consent/:phone: the number's state and its ledger. */
export interface ConsentRecordView extends ConsentStateView {
  /** Every ledger row of the number, oldest first (by receivedAt, then message id). */
  history: ConsentEventView[];
}

export interface ImportRowProblem {
  row: number;
  code: string;
  message: string;
}

/** The answer to POST …/blocklist/import. */
export interface ImportSummary {
  /** Data rows read (the header and blank lines are not rows). */
  rows: number;
  /** New ledger rows. */
  recorded: number;
  /** Rows already in the ledger (the same row imported before, or twice in this file): nothing changed. */
  alreadyRecorded: number;
  /** Numbers whose state this import changed (added to the block list, or given a later opt-out). */
  applied: number;
  /** New ledger rows that did not become the number's state: a later decision (e.g. an opt-in) stands. */
  superseded: number;
  /** Rows refused; each listed in `errors` up to the cap. */
  rejected: number;
  errors: ImportRowProblem[];
  errorsTruncated: boolean;
}
