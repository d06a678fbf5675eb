import type { KindSettings, ProfileOverride } from '@optout/compliance/compliance-profile.types';

/**
 * The API's answers the console reads (docs/compliance.md, docs/blocklist.md, docs/webhooks.md)
 * that the gateway does not already share: the review queue, block list, consent record and
 * import answers are @optout/contracts/api-views, the profile's parts the compliance engine's own.
 */

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

export interface EventOutcome {
  eventId: string;
  reply: { id: string; status: string; attemptCount: number; lastError: string | null } | null;
  webhooks: Array<{ id: string; endpointId: string; status: string; attemptCount: number; replays: number; lastStatusCode: number | null }>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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
