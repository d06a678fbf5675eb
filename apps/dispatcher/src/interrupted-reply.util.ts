import type { ReplyJob } from '@optout/contracts';

/**
 * How far before our own record of an attempt Twilio's `date_created` may lie and still be
 * that attempt: Twilio's clock against ours, and its timestamps' whole seconds. Shorter
 * than the reply loop guard (10 minutes), so an earlier confirmation of the same kind to the
 * same number cannot be mistaken for this one.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60 * 1000;

/** What the carrier says became of an attempt whose outcome we never recorded. */
export type InterruptedSendFinding =
  | { found: 'sent'; messageId: string }
  | { found: 'not_sent' }
  | { found: 'unknown'; reason: string };

interface TwilioListedMessage {
  sid?: unknown;
  to?: unknown;
  from?: unknown;
  body?: unknown;
  direction?: unknown;
  date_created?: unknown;
}

/**
 * Reads a page of Twilio's message list (GET …/Messages.json?To=&From=) for the text an
 * interrupted attempt may have sent: same number, same sender, same words, outbound,
 * created no earlier than the attempt began (less the skew allowance).
 *
 * `unknown` when the list could not be read: the caller then neither sends nor gives up,
 * since either could be wrong.
 */
export function findInterruptedTwilioSend(
  answer: { status: number | null; answer: string | null; error: string | null },
  reply: Pick<ReplyJob, 'to' | 'from' | 'body'>,
  attemptStartedAt: Date,
): InterruptedSendFinding {
  if (answer.status === null) return { found: 'unknown', reason: answer.error ?? 'no answer' };
  if (answer.status < 200 || answer.status >= 300) return { found: 'unknown', reason: `Twilio's message list answered ${answer.status}` };
  let messages: unknown;
  try {
    messages = (JSON.parse(answer.answer ?? '') as { messages?: unknown }).messages;
  } catch {
    return { found: 'unknown', reason: "Twilio's message list was not JSON" };
  }
  if (!Array.isArray(messages)) return { found: 'unknown', reason: "Twilio's message list had no `messages` array" };
  const earliest = attemptStartedAt.getTime() - CLOCK_SKEW_ALLOWANCE_MS;
  const match = (messages as TwilioListedMessage[]).find(
    (message) =>
      message.to === reply.to &&
      message.from === reply.from &&
      message.body === reply.body &&
      typeof message.direction === 'string' &&
      message.direction.startsWith('outbound') &&
      typeof message.date_created === 'string' &&
      Date.parse(message.date_created) >= earliest &&
      typeof message.sid === 'string',
  );
  return match ? { found: 'sent', messageId: match.sid as string } : { found: 'not_sent' };
}

/** The SID in Twilio's answer to a send (201 with the message); null when it has none. */
export function twilioMessageSid(answer: string | null): string | null {
  if (!answer) return null;
  try {
    const sid = (JSON.parse(answer) as { sid?: unknown }).sid;
    return typeof sid === 'string' && sid.length > 0 && sid.length <= 64 ? sid : null;
  } catch {
    return null;
  }
}

/**
 * Reads Telnyx's answer to `GET /v2/messages/:id` for a send whose outcome was never
 * recorded: 200 with the message means it was taken; 404 that it never was; anything else
 * that Telnyx could not say.
 */
export function findInterruptedTelnyxSend(answer: { status: number | null; answer: string | null; error: string | null }, messageId: string): InterruptedSendFinding {
  if (answer.status === null) return { found: 'unknown', reason: answer.error ?? 'no answer' };
  if (answer.status === 404) return { found: 'not_sent' };
  if (answer.status < 200 || answer.status >= 300) return { found: 'unknown', reason: `Telnyx's message lookup answered ${answer.status}` };
  return telnyxMessageId(answer.answer) === messageId ? { found: 'sent', messageId } : { found: 'unknown', reason: "Telnyx's message lookup did not return the message" };
}

/** The id in Telnyx's answer to a send (`{ data: { id } }`); null when it has none. */
export function telnyxMessageId(answer: string | null): string | null {
  if (!answer) return null;
  try {
    const id = (JSON.parse(answer) as { data?: { id?: unknown } }).data?.id;
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
  } catch {
    return null;
  }
}
