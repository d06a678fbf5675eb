import type { EntityManager } from 'typeorm';
import type { ClassifiedMessage, ConsentKind, ReplySegments } from '@optout/contracts';
import type { ConsentEventEntity, ConsentSource, ConsentStateEntity, NewConsentEvent } from '@optout/database';

/** The confirmation text a decision sends the subscriber. */
export interface ConfirmationReply {
  body: string;
  /** Its cost as the webhook reports it; worked out from `body` when absent. */
  segments?: ReplySegments | null;
}

/**
 * One consent decision about one subscriber, whatever brought it: a keyword text (`sms`), a
 * manual change (`api`), a carrier's own opt-out (`carrier`), a reviewer's decision, … It is
 * recorded in the ledger once per (account, `sourceMessageId`) — a decision applied twice is
 * applied once — and decides the subscriber's state only if it is the latest by
 * (`receivedAt`, `sourceMessageId` in byte order).
 *
 * A new source is a value of `ConsentSource` (and of the ledger's `ck_consent_events_source`
 * constraint, a migration); `carrier` and `review` are there already.
 */
export interface ConsentDecision {
  accountId: string;
  /** The subscriber, E.164. */
  phone: string;
  kind: ConsentKind;
  source: ConsentSource;
  /**
   * The decision's identity in the ledger, unique per account: the carrier's message id for a
   * text, a prefixed id of the thing decided otherwise (`api:<uuid>`, `review:<id>`, …). Make it
   * deterministic wherever a retry must not record the decision twice.
   */
  sourceMessageId: string;
  /** When the subscriber said it: the version that last-writer-wins compares. */
  receivedAt: Date;
  correlationId: string;
  /** The business number the subscriber texted ('' when nobody texted one). */
  sender?: string;
  /** The keyword as written in the profile ('' when none matched). */
  keyword?: string;
  scope?: { country?: string; language?: string } | null;
  language?: string | null;
  country?: string | null;
  /** The compliance profile version that classified the text; null when no text was classified. */
  profileVersion?: number | null;
  /** The API key that made the decision (manual changes, review decisions). */
  apiKeyId?: string | null;
  /** Free text given with the decision. */
  reason?: string | null;
  /** How the text matched: `keyword`, or another way (`phrase` …); null when no text was matched. */
  match?: string | null;
  /** The id of the rule that fired, e.g. `en.stop-texting`. */
  rule?: string | null;
  /** The carrier's own code for the opt-out it reported (Twilio 21610, Telnyx 40300 …). */
  carrierCode?: string | null;
  /**
   * The confirmation text to queue, or null for none (a manual change, a carrier that sent its
   * own). It goes out once per ledger row, at most one of a kind per subscriber per 10 minutes
   * (the loop guard), and only if this decision became the subscriber's state.
   */
  reply: ConfirmationReply | null;
  /** When the text was accepted at the edge: time-to-block is measured from it (texts only). */
  acceptedAt?: string;
  /**
   * Leaves the ledger alone when the subscriber already stands where this decision would put
   * them: checked under a per-subscriber lock, so two identical requests at once record one
   * row. Without it every new `sourceMessageId` is recorded (the ledger is the legal record of
   * every text). Used by manual changes, whose ids are new on every request.
   */
  unlessAlready?: (current: ConsentStateEntity | null) => boolean;
  /**
   * With `unlessAlready`: dates the decision from the subscriber's current state, under the
   * same lock, instead of `receivedAt`. A manual opt-out uses it to outrank a state dated
   * ahead of now (`manualOptOutTime`), so a future date cannot keep a number sendable.
   */
  receivedAtGiven?: (current: ConsentStateEntity | null) => Date;
  /**
   * A write that must commit with the ledger row or not at all — a review's decision, so a
   * review is never marked decided without its opt-out recorded. It runs in step 1's
   * transaction after the ledger row is written; throwing from it rolls step 1 back and
   * `applyDecision` throws the same error, having done nothing.
   */
  commitsWith?: (manager: EntityManager, event: ConsentEventEntity) => Promise<void>;
}

/**
 * `applied`: the decision is the subscriber's state (or a HELP, recorded and answered: `help`);
 * `superseded`: recorded, but a later decision stands, so nothing was announced;
 * `duplicate`: its `sourceMessageId` was recorded and finished before;
 * `unchanged`: `unlessAlready` held, nothing was recorded.
 */
export type ConsentOutcome = 'applied' | 'help' | 'superseded' | 'duplicate' | 'unchanged';

export interface AppliedConsent {
  outcome: ConsentOutcome;
  /** This decision's ledger row (the first record of a duplicate); null when `unchanged`. */
  event: ConsentEventEntity | null;
  /** The subscriber's state after the decision, whoever won; null for HELP or a number never decided. */
  state: ConsentStateEntity | null;
  /** The ledger row that decided `state`: this decision's, or the later one that stands. */
  decider: ConsentEventEntity | null;
}

/** The ledger row of a decision. */
export function ledgerRowOf(decision: ConsentDecision): NewConsentEvent {
  return {
    accountId: decision.accountId,
    sourceMessageId: decision.sourceMessageId,
    phone: decision.phone,
    sender: decision.sender ?? '',
    kind: decision.kind,
    // An opt-out by phrase has no keyword: null, where a manual change has ''.
    keyword: decision.match === 'phrase' ? null : (decision.keyword ?? ''),
    scope: decision.scope ?? null,
    language: decision.language ?? null,
    country: decision.country ?? null,
    profileVersion: decision.profileVersion ?? null,
    source: decision.source,
    receivedAt: decision.receivedAt,
    correlationId: decision.correlationId,
    apiKeyId: decision.apiKeyId ?? null,
    reason: decision.reason ?? null,
    match: decision.match ?? null,
    rule: decision.rule ?? null,
    carrierCode: decision.carrierCode ?? null,
  };
}

/**
 * The decision a classified text carries (the blocklist worker's input): a keyword match, a
 * revocation phrase, or
 * what the carrier itself classified (`carrierConsent`: Twilio's OptOutType, Telnyx's
 * autoresponse_type, a 21610/40300 refusal). The carrier's is recorded as source `carrier`, with
 * its code and what it said, and sends no confirmation: the carrier has answered (docs/carriers.md).
 */
export function decisionOfText(message: ClassifiedMessage): ConsentDecision {
  // A text for the review queue decides nothing until a person does (apps/blocklist ReviewIntake).
  if (message.kind === 'review') throw new Error(`message ${message.messageId} is for review, not a consent decision`);
  const carrier = message.carrierConsent;
  if (carrier) {
    return {
      accountId: message.accountId,
      phone: message.from,
      kind: message.kind,
      source: 'carrier',
      sourceMessageId: message.messageId,
      receivedAt: new Date(message.receivedAt),
      correlationId: message.correlationId,
      sender: message.to,
      keyword: message.keyword ?? carrier.classification,
      scope: null,
      language: message.language,
      country: message.country,
      profileVersion: message.profileVersion,
      match: 'carrier',
      reason: carrier.detail,
      carrierCode: carrier.classification,
      reply: null,
      acceptedAt: message.acceptedAt,
    };
  }
  return {
    accountId: message.accountId,
    phone: message.from,
    kind: message.kind,
    source: 'sms',
    sourceMessageId: message.messageId,
    receivedAt: new Date(message.receivedAt),
    correlationId: message.correlationId,
    sender: message.to,
    keyword: message.keyword ?? undefined,
    scope: message.scope,
    language: message.language,
    country: message.country,
    profileVersion: message.profileVersion,
    // Consent jobs queued before phrases existed carry no `match`: they are keyword texts.
    match: message.match ?? 'keyword',
    rule: message.rule ?? null,
    reply: message.reply === null ? null : { body: message.reply, segments: message.replySegments },
    acceptedAt: message.acceptedAt,
  };
}
