import type { ReplyJob } from '@optout/contracts';
import type { OutboundRequest } from './outbound-http.client';

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
 * Twilio answers 201 with the message; its 4xx (bad number, bad credentials) are not
 * retried and its 429/5xx are, like any other endpoint's.
 */
export function twilioReplyRequest(credentials: TwilioSendCredentials, reply: ReplyJob): OutboundRequest {
  const base = (credentials.baseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '');
  return {
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}/Messages.json`,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ To: reply.to, From: reply.from, Body: reply.body }).toString(),
    headers: { authorization: `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}` },
  };
}
