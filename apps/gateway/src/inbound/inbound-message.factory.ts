import { CarrierConsentSignal, InboundMessage } from '@optout/contracts';
import { normaliseSender, toE164 } from '@optout/phone';
import { jobIds } from '@optout/queue';
import type { ApiErrorDetail } from '../http/api.exception';
import { receivedAtProblem } from './received-at.rule';

export interface InboundFields {
  messageId: string;
  from: string;
  to: string;
  body: string;
  receivedAt?: string;
}

export type InboundBuild = { ok: true; message: InboundMessage } | { ok: false; problems: ApiErrorDetail[] };

/**
 * Turns validated request fields into the queued message: numbers to E.164 (national formats
 * with the account's default country), `receivedAt` defaulting to now and refused when it is
 * unreadable or too far in the future (received-at.rule.ts). The correlation id
 * is derived from (account, message id) so that a retried request logs under the same id.
 */
export function buildInboundMessage(
  accountId: string,
  defaultCountry: string | null,
  fields: InboundFields,
  now: Date,
  carrierConsent?: CarrierConsentSignal,
): InboundBuild {
  const from = toE164(fields.from, defaultCountry);
  const to = normaliseSender(fields.to, defaultCountry);
  const dated = receivedAtProblem(fields.receivedAt, now);
  if (!from.ok || !to.ok || dated) {
    const problems: ApiErrorDetail[] = [];
    if (!from.ok) problems.push({ field: 'from', rule: 'phone_number', message: `from ${from.reason}` });
    if (!to.ok) problems.push({ field: 'to', rule: 'phone_number', message: `to ${to.reason}` });
    if (dated) problems.push(dated);
    return { ok: false, problems };
  }
  const accepted = isoOf(now);
  return {
    ok: true,
    message: {
      accountId,
      messageId: fields.messageId,
      from: from.e164,
      to: to.e164,
      body: fields.body,
      receivedAt: fields.receivedAt ? new Date(fields.receivedAt).toISOString() : accepted,
      acceptedAt: accepted,
      correlationId: jobIds.inboundMessage(accountId, fields.messageId),
      ...(carrierConsent ? { carrierConsent } : {}),
    },
  };
}

/**
 * `now.toISOString()`, computed once per `now`: a batch builds its 1000 messages with the same
 * `now`, and formatting it twice per message was a visible share of a batch's CPU.
 */
let lastNow: Date | null = null;
let lastIso = '';
function isoOf(now: Date): string {
  if (now !== lastNow) {
    lastIso = now.toISOString();
    lastNow = now;
  }
  return lastIso;
}
