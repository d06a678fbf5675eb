import type { ReplyJob } from '@optout/contracts';
import type { OutboundQuery, OutboundRequest } from './outbound-http.client';

/** Twilio's own API, when the account gave no `baseUrl`. */
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

export interface TwilioSendCredentials {
  accountSid: string;
  authToken: string;
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
 * Twilio answers 201 with the message (its `sid` is kept); its 4xx (bad number, bad
 * credentials) are not retried and its 429/5xx are, like any other endpoint's.
 */
export function twilioReplyRequest(credentials: TwilioSendCredentials, reply: ReplyJob): OutboundRequest {
  return {
    url: twilioMessagesUrl(credentials),
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ To: reply.to, From: reply.from, Body: reply.body }).toString(),
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
