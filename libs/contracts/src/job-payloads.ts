import type { ConsentKind, WebhookEventType } from './consent-kind';
import { QueueName } from './queue-names';

/**
 * Queue payloads. Each carries `v` so that producers and consumers can be deployed one at a
 * time: a consumer refuses (as unrecoverable) a version it does not know instead of guessing.
 * Times are ISO-8601 UTC strings; phone numbers are E.164.
 */

/**
 * What the carrier itself already decided about a subscriber (docs/carriers.md): Twilio's
 * `OptOutType` or Telnyx's `autoresponse_type` on an inbound text, or a send refused because
 * the number unsubscribed (Twilio 21610, Telnyx 40300). Applied like a keyword, recorded with
 * ledger source `carrier`, and never confirmed by a text of ours: the carrier sent its own.
 */
export interface CarrierConsentSignal {
  carrier: 'twilio' | 'telnyx';
  kind: ConsentKind;
  /** The carrier's own word for it: `STOP`/`START`/`HELP`, Telnyx's `autoresponse_type`, or an error code (`21610`, `40300`). */
  classification: string;
  /** What the carrier said, for the ledger (`reason`): e.g. the error's message and its documentation link. */
  detail: string;
}

/** One message as received from a carrier, after validation and E.164 normalisation. */
export interface InboundMessage {
  accountId: string;
  /** The carrier's (or the client's) id of the message: the idempotency key within an account. */
  messageId: string;
  /** Subscriber, E.164. */
  from: string;
  /** Sender: E.164 or a short code. */
  to: string;
  body: string;
  /** When the subscriber sent it, as the carrier says; ordering of consent is judged on it. */
  receivedAt: string;
  /** When the gateway accepted it. */
  acceptedAt: string;
  /** Follows the message through logs, from the gateway to its webhook. */
  correlationId: string;
  /** Set when the carrier classified the message itself: honoured even if no keyword of the account matches. */
  carrierConsent?: CarrierConsentSignal;
}

/** Many messages per job: one BullMQ job costs about as much as classifying a message. */
export interface InboundJob {
  v: 1;
  messages: InboundMessage[];
}

/**
 * What a confirmation text costs: carriers bill per SMS segment. Mirrors `SmsSegments` of
 * libs/compliance, which contracts may not import.
 */
export interface ReplySegments {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

/**
 * A message that matched a keyword or a revocation phrase, with everything the ledger must
 * record about the match; or (`kind: "review"`) a text for the review queue.
 */
export interface ClassifiedMessage {
  accountId: string;
  messageId: string;
  from: string;
  to: string;
  kind: ConsentKind | 'review';
  /** The keyword as written in the profile; null for a phrase (`match: "phrase"`). */
  keyword: string | null;
  /** Optional: consent jobs queued before phrases existed are keyword matches. */
  match?: 'keyword' | 'phrase';
  /** The phrase rule that decided (`en.stop-texting`); null or absent for a keyword. */
  rule?: string | null;
  /** The text itself: carried only for a review, which shows it to the person deciding. */
  body?: string;
  scope: { country?: string; language?: string } | null;
  language: string | null;
  country: string | null;
  /** The confirmation text to send, or null when the profile has none for this kind. */
  reply: string | null;
  /** The cost of `reply`. Optional: consent jobs queued before it existed do not carry it. */
  replySegments?: ReplySegments | null;
  profileVersion: number;
  receivedAt: string;
  /** The inbound message's `acceptedAt`, where time-to-block starts. Optional: older consent jobs lack it. */
  acceptedAt?: string;
  correlationId: string;
  /** Set when the carrier made this decision (ledger source `carrier`, `reply` null); absent for a keyword match. */
  carrierConsent?: CarrierConsentSignal;
}

export interface ConsentJob {
  v: 1;
  messages: ClassifiedMessage[];
}

/** One confirmation text. Its job id derives from the ledger event id, so it is sent once. */
export interface ReplyJob {
  v: 1;
  eventId: string;
  accountId: string;
  kind: ConsentKind;
  /** The subscriber. */
  to: string;
  /** The business number the subscriber texted. */
  from: string;
  body: string;
  correlationId: string;
}

/** The `data` of a webhook: what a business needs to update its CRM. */
export interface ConsentEventData {
  eventId: string;
  accountId: string;
  phone: string;
  sender: string;
  keyword: string | null;
  language: string | null;
  country: string | null;
  messageId: string;
  receivedAt: string;
  optOutType: 'STOP' | 'START' | 'HELP';
  /** `keyword` or `phrase` (revocation by reasonable means); null for manual changes and imports. */
  match?: string | null;
  /** The phrase rule (`en.stop-texting`) when `match` is `phrase`, else null. */
  rule?: string | null;
  /** Where the change came from: `sms`, `api`, `import`, `carrier`, or `review` (a review queue decision). */
  source?: 'sms' | 'api' | 'import' | 'carrier' | 'review';
  /** The confirmation text's cost; null when the match has no reply. Set on every event of an inbound text. */
  replySegments?: ReplySegments | null;
  /**
   * `queued`: the confirmation went to the reply queue; `withheld`: the loop guard held it back
   * (the same kind of confirmation went to this subscriber less than 10 minutes ago); `none`:
   * there is no reply to send. Set on every event of an inbound text.
   */
  replyStatus?: 'queued' | 'withheld' | 'none';
}

/** The `data` of `consent.review_requested`: a text a person should look at before the deadline. */
export interface ReviewRequestedData {
  /** The review item's id (also the webhook's event id). */
  eventId: string;
  accountId: string;
  phone: string;
  sender: string;
  body: string;
  rule: string;
  language: string | null;
  messageId: string;
  receivedAt: string;
  /** receivedAt + 10 business days: when the revocation must be honoured if it is one. */
  deadline: string;
}

export interface WebhookEventJob {
  v: 1;
  type: WebhookEventType;
  /** When the event happened (applied), ISO-8601: the payload's `timestamp`. */
  occurredAt: string;
  data: ConsentEventData | ReviewRequestedData;
  correlationId: string;
}

export interface WebhookDeliveryJob {
  v: 1;
  deliveryId: string;
  /** The inbound message's correlation id, so the delivery's log lines join its trail (absent on replays). */
  correlationId?: string;
}

/** Which payload goes with which queue: `enqueue()` accepts only a matching pair. */
export interface JobPayloadByQueue {
  [QueueName.Inbound]: InboundJob;
  [QueueName.Consent]: ConsentJob;
  [QueueName.Replies]: ReplyJob;
  [QueueName.WebhookEvents]: WebhookEventJob;
  [QueueName.WebhookDeliveries]: WebhookDeliveryJob;
}

export type JobOf<Q extends QueueName> = JobPayloadByQueue[Q];
