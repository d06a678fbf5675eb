/** The three keyword kinds. Mirrors `KeywordKind` of libs/compliance, which contracts may not import. */
export type ConsentKind = 'optOut' | 'optIn' | 'help';

/** Consent state of one (account, subscriber). `unknown` means never seen. */
export type ConsentStatus = 'opted_out' | 'opted_in' | 'unknown';

/** The webhook event type announced for each kind. */
export const EVENT_TYPE_BY_KIND = {
  optOut: 'consent.opted_out',
  optIn: 'consent.opted_in',
  help: 'help.requested',
} as const satisfies Record<ConsentKind, string>;

/** A text in `reasonable` revocation mode that a person should look at (the review queue). */
export const REVIEW_REQUESTED_EVENT = 'consent.review_requested' as const;

export type WebhookEventType = (typeof EVENT_TYPE_BY_KIND)[ConsentKind] | typeof REVIEW_REQUESTED_EVENT;

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [...Object.values(EVENT_TYPE_BY_KIND), REVIEW_REQUESTED_EVENT];

/** The `optOutType` field of webhook data, in the carriers' vocabulary. */
export const OPT_OUT_TYPE_BY_KIND = {
  optOut: 'STOP',
  optIn: 'START',
  help: 'HELP',
} as const satisfies Record<ConsentKind, string>;
