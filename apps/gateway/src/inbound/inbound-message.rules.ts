import type { ApiErrorDetail } from '../http/api.exception';
import { arrayProblem, FieldRules, isAccountUuid, isIsoDateTime, objectProblems, unknownFieldProblems } from '../http/body-rules';
import type { InboundFields } from './inbound-message.factory';

/** `POST /v1/inbound`: one message as a carrier (or an aggregator) hands it over. */
export interface InboundMessageBody extends InboundFields {
  accountId: string;
}

/** `POST /v1/inbound/batch`. */
export interface InboundBatchBody {
  messages: unknown[];
}

export const MAX_BATCH_MESSAGES = 1000;

/** Fields whose form check decides (a UUID, a date-time): no separate length rule. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const INBOUND_MESSAGE_RULES: FieldRules = {
  accountId: { kind: 'string', max: NO_LIMIT, form: { rule: 'is_uuid', message: 'accountId must be the id of your account (a UUID)', test: isAccountUuid } },
  /** The carrier's id of the message; the same id twice is one message. */
  messageId: { kind: 'string', min: 1, max: 200 },
  from: { kind: 'string', min: 1, max: 64 },
  to: { kind: 'string', min: 1, max: 64 },
  /** Empty for an MMS without text; 1600 characters is the longest concatenated SMS carriers deliver. */
  body: { kind: 'string', max: 1600 },
  receivedAt: {
    kind: 'string',
    max: NO_LIMIT,
    optional: true,
    form: { rule: 'is_iso8601', message: 'receivedAt must be an ISO-8601 date-time, e.g. 2026-11-26T12:00:00Z', test: isIsoDateTime },
  },
};

/** What is wrong with one inbound message (`path` names a batch item: `messages[3].`); `[]` when nothing is. */
export function inboundMessageProblems(value: unknown, path = ''): ApiErrorDetail[] {
  return objectProblems(value, INBOUND_MESSAGE_RULES, path);
}

/**
 * What is wrong with a batch as a whole. Items are checked one by one by the service, not
 * here: one bad message must not refuse the other 999.
 */
export function inboundBatchProblems(value: unknown): ApiErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ rule: 'is_object', message: 'the body must be a JSON object' }];
  const body = value as Record<string, unknown>;
  const messages = arrayProblem(body.messages, 'messages', 1, MAX_BATCH_MESSAGES);
  return [...(messages ? [messages] : []), ...unknownFieldProblems(body, ['messages'])];
}
