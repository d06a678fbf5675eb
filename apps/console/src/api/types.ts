/** The API's answers the console reads (docs/compliance.md, docs/blocklist.md, docs/webhooks.md). */

export interface Account {
  id: string;
  name: string;
  defaultCountry: string | null;
  createdAt: string;
}

export interface SmsSegmentsView {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  units: number;
}

export interface Classification {
  kind: string | null;
  keyword: string | null;
  /** `keyword`, `phrase` (a revocation phrase rule, `reasonable` mode) or null. */
  match?: 'keyword' | 'phrase' | null;
  /** The phrase rule that decided (`en.stop-texting`); null for a keyword match. */
  rule?: string | null;
  scope: { country?: string; language?: string } | null;
  language: string | null;
  country: string | null;
  reply: string | null;
  replySegments: SmsSegmentsView | null;
  profileVersion: number | null;
}

export interface KindSettings {
  keywords?: string[];
  message?: string;
}

export interface ProfileOverride {
  country?: string;
  language?: string;
  optOut?: KindSettings;
  optIn?: KindSettings;
  help?: KindSettings;
}

export interface ProfileDocument {
  optOut: KindSettings;
  optIn: KindSettings;
  help: KindSettings;
  overrides: ProfileOverride[];
}

export interface ProfileView extends ProfileDocument {
  version: number;
  savedAt: string | null;
  warnings: Array<{ path: string; rule: string; message: string }>;
}

export type ConsentStatus = 'opted_out' | 'opted_in' | 'unknown';

export interface ConsentEvent {
  eventId: string;
  kind: string;
  keyword: string | null;
  match?: string | null;
  /** The revocation phrase rule of a phrase opt-out or a review decision. */
  rule?: string | null;
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
  erasedAt: string | null;
}

export interface ConsentRecord {
  phone: string;
  status: ConsentStatus;
  since: string | null;
  keyword: string | null;
  source: string | null;
  erasedAt: string | null;
  history: ConsentEvent[];
}

export interface EventOutcome {
  eventId: string;
  reply: { id: string; status: string; attemptCount: number; lastError: string | null } | null;
  webhooks: Array<{ id: string; endpointId: string; status: string; attemptCount: number; replays: number; lastStatusCode: number | null }>;
}

export interface BlocklistItem {
  phone: string;
  since: string;
  keyword: string | null;
  source: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ImportSummary {
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  applied: number;
  superseded: number;
  rejected: number;
  errors: Array<{ row: number; code: string; message: string }>;
  errorsTruncated: boolean;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  secret?: string;
}

export interface DeliveryAttempt {
  attempt: number;
  round: number;
  attemptedAt: string;
  status: string;
  responseCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  replays: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  attempts: DeliveryAttempt[];
}

/** One text of the review queue (GET/POST …/reviews, docs/compliance.md). */
export interface Review {
  id: string;
  phone: string;
  sender: string;
  body: string;
  messageId: string;
  receivedAt: string;
  deadline: string;
  rule: string;
  language: string | null;
  status: 'pending' | 'decided';
  decision?: 'optOut' | 'dismiss';
  decidedAt?: string;
  decidedBy?: string | null;
  consentEventId?: string | null;
}
