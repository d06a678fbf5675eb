import type { ReplyJob } from '@optout/contracts';
import type { OutboundQuery, OutboundRequest } from './outbound-http.client';

/** Twilio's own API, when the account gave no `baseUrl`. */
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Telnyx's own API, when the account gave no `baseUrl`. */
export const TELNYX_API_BASE_URL = 'https://api.telnyx.com';

export interface TwilioSendCredentials {
  accountSid: string;
  authToken: string;
  baseUrl: string | null;
  messagingServiceSid?: string | null;
}

export interface TelnyxSendCredentials {
  apiKey: string;
  messagingProfileId: string | null;
  baseUrl: string | null;
}

/**
 * An `http` transport: the reply as JSON. The event id is the idempotency key, so the
 * transport can drop a repeat should a retry follow an answer that was lost.
 */
export function httpReplyRequest(url: string, reply: ReplyJob): OutboundRequest {
  return {
    url,
    contentType: 'application/json',
    body: JSON.stringify({ to: reply.to, from: reply.from, body: reply.body, accountId: reply.accountId, kind: reply.kind, eventId: reply.eventId }),
    headers: { 'idempotency-key': reply.eventId },
  };
}

/**
 * Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From`, `Body`, HTTP basic auth with the account SID and auth token.
 * With a Messaging Service, `MessagingServiceSid` goes *in addition to* `From` (Twilio takes
 * both): the service's settings apply and the confirmation still comes from the number the
 * subscriber texted, which is where the subscriber expects it and where the lookup after an
 * interrupted send searches. Twilio answers 201 with the message (its `sid` is kept); its 4xx
 * (bad number, bad credentials) are not retried and its 429/5xx are, like any other endpoint's.
 */
export function twilioReplyRequest(credentials: TwilioSendCredentials, reply: ReplyJob): OutboundRequest {
  const form = new URLSearchParams({ To: reply.to, From: reply.from, Body: reply.body });
  if (credentials.messagingServiceSid) form.set('MessagingServiceSid', credentials.messagingServiceSid);
  return {
    url: twilioMessagesUrl(credentials),
    contentType: 'application/x-www-form-urlencoded',
    body: form.toString(),
    headers: twilioAuthHeaders(credentials),
    readAnswer: true,
  };
}

/**
 * The newest messages the business number sent the subscriber (Twilio lists newest first,
 * filtered by `To` and `From`): where an interrupted send is looked for before sending again.
 */
export function twilioSentMessagesQuery(credentials: TwilioSendCredentials, reply: ReplyJob): OutboundQuery {
  const filter = new URLSearchParams({ To: reply.to, From: reply.from, PageSize: '50' });
  return { url: `${twilioMessagesUrl(credentials)}?${filter.toString()}`, headers: twilioAuthHeaders(credentials) };
}

function twilioMessagesUrl(credentials: TwilioSendCredentials): string {
  const base = (credentials.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '');
  return `${base}/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}/Messages.json`;
}

function twilioAuthHeaders(credentials: TwilioSendCredentials): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}` };
}

/**
 * Telnyx's Messages API: `POST {base}/v2/messages`, JSON `{ from, to, text,
 * messaging_profile_id? }`, `Authorization: Bearer <API key>`. Telnyx answers 200 with
 * `{ data: { id, … } }`; the id is kept, and is what an interrupted send is looked up by.
 */
export function telnyxReplyRequest(credentials: TelnyxSendCredentials, reply: ReplyJob): OutboundRequest {
  return {
    url: `${telnyxBaseOf(credentials)}/v2/messages`,
    contentType: 'application/json',
    body: JSON.stringify({
      from: reply.from,
      to: reply.to,
      text: reply.body,
      ...(credentials.messagingProfileId ? { messaging_profile_id: credentials.messagingProfileId } : {}),
    }),
    headers: telnyxAuthHeaders(credentials),
    readAnswer: true,
  };
}

/** One message by its id (`GET {base}/v2/messages/:id`): Telnyx has no search by sender and recipient. */
export function telnyxMessageQuery(credentials: TelnyxSendCredentials, messageId: string): OutboundQuery {
  return { url: `${telnyxBaseOf(credentials)}/v2/messages/${encodeURIComponent(messageId)}`, headers: telnyxAuthHeaders(credentials) };
}

function telnyxBaseOf(credentials: TelnyxSendCredentials): string {
  return (credentials.baseUrl ?? TELNYX_API_BASE_URL).replace(/\/+$/, '');
}

function telnyxAuthHeaders(credentials: TelnyxSendCredentials): Record<string, string> {
  return { authorization: `Bearer ${credentials.apiKey}` };
}
