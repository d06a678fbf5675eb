import type { CarrierErrorRecord, ReplyDeliveryEntity, TelnyxCredentialEntity, TwilioCredentialEntity } from '@optout/database';
import type { ReplyJob } from '@optout/contracts';
import { telnyxErrorOf, twilioErrorOf } from '@optout/carriers';
import { findInterruptedTelnyxSend, findInterruptedTwilioSend, InterruptedSendFinding, telnyxMessageId, twilioMessageSid } from './interrupted-reply.util';
import type { OutboundQuery, OutboundRequest, OutboundResult } from './outbound-http.client';
import { httpReplyRequest, telnyxMessageQuery, telnyxReplyRequest, twilioReplyRequest, twilioSentMessagesQuery } from './reply-request.util';

/**
 * How one reply goes out through the account's transport, and what the carrier's answers
 * mean: the request, the carrier's message id and error in an answer, and where an attempt
 * whose outcome is unknown can be looked for. `http` transports have no carrier: their
 * idempotency-key lets the receiver drop a repeat instead.
 */
export interface ReplyRoute {
  carrier: 'twilio' | 'telnyx' | null;
  send: OutboundRequest;
  /**
   * Where to ask whether an interrupted attempt was sent: a query and how to read its answer;
   * `unavailable` when the carrier cannot be asked (Telnyx without the message id); null for `http`.
   */
  lookup(record: Pick<ReplyDeliveryEntity, 'attemptStartedAt' | 'providerMessageId'>): { query: OutboundQuery; read(answer: OutboundResult): InterruptedSendFinding } | 'unavailable' | null;
  messageIdOf(answer: string | null): string | null;
  errorOf(answer: string | null): CarrierErrorRecord | null;
  /**
   * A 5xx from a carrier may come after the message was created (Twilio documents 5xx as
   * "retry", not "not sent"): such an attempt is looked up before it is sent again, as after a lost answer.
   */
  serverErrorMayHaveSent: boolean;
}

export function httpRoute(url: string, reply: ReplyJob): ReplyRoute {
  return { carrier: null, send: httpReplyRequest(url, reply), lookup: () => null, messageIdOf: () => null, errorOf: () => null, serverErrorMayHaveSent: false };
}

export function twilioRoute(credentials: TwilioCredentialEntity, reply: ReplyJob): ReplyRoute {
  return {
    carrier: 'twilio',
    send: twilioReplyRequest(credentials, reply),
    lookup: (record) => ({
      query: twilioSentMessagesQuery(credentials, reply),
      read: (answer) => findInterruptedTwilioSend(answer, reply, record.attemptStartedAt as Date),
    }),
    messageIdOf: twilioMessageSid,
    errorOf: twilioErrorOf,
    serverErrorMayHaveSent: true,
  };
}

export function telnyxRoute(credentials: TelnyxCredentialEntity, reply: ReplyJob): ReplyRoute {
  return {
    carrier: 'telnyx',
    send: telnyxReplyRequest(credentials, reply),
    lookup: (record) => {
      const messageId = record.providerMessageId;
      if (!messageId) return 'unavailable';
      return { query: telnyxMessageQuery(credentials, messageId), read: (answer) => findInterruptedTelnyxSend(answer, messageId) };
    },
    messageIdOf: telnyxMessageId,
    errorOf: telnyxErrorOf,
    // Telnyx can only be asked by the message id, which a 5xx does not carry: looking first
    // would mean never retrying. Its 5xx is retried as "not taken" (docs/carriers.md).
    serverErrorMayHaveSent: false,
  };
}
