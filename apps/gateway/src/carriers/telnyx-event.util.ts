import { CarrierConsentSignal } from '@optout/contracts';
import { telnyxErrorSignal, telnyxInboundSignal } from '@optout/carriers';
import type { ApiErrorDetail } from '../http/api.exception';
import type { InboundMessageBody } from '../inbound/inbound-message.rules';

/**
 * What a Telnyx v2 messaging webhook asks of us, read from its JSON
 * (`{ data: { event_type, id, occurred_at, payload }, meta }`). Pure, so every event shape is unit-tested.
 * - `message.received`: an inbound text, ingested like `/v1/inbound` (its `autoresponse_type` honoured);
 * - `message.sent` / `message.finalized` carrying error 40300: the recipient opted out at Telnyx;
 * - anything else: acknowledged and ignored.
 */
export type TelnyxEventAction =
  | { action: 'ingest'; message: Omit<InboundMessageBody, 'accountId'>; signal: CarrierConsentSignal | undefined }
  | { action: 'ignore'; eventType: string }
  | { action: 'invalid'; problems: ApiErrorDetail[] };

/** How `/v1/inbound` names a field, and how Telnyx's payload does. */
export const TELNYX_FIELD_NAMES: Record<string, string> = {
  messageId: 'data.payload.id',
  from: 'data.payload.from.phone_number',
  to: 'data.payload.to[0].phone_number',
  body: 'data.payload.text',
  receivedAt: 'data.payload.received_at',
};

export function telnyxEventAction(event: unknown): TelnyxEventAction {
  const data = objectAt(event, 'data');
  const eventType = data?.event_type;
  if (typeof eventType !== 'string') return invalid('data.event_type', 'required', 'data.event_type is required (a Telnyx v2 webhook)');
  const payload = objectAt(data, 'payload');
  if (eventType === 'message.received') return inboundText(payload);
  if (eventType === 'message.sent' || eventType === 'message.finalized') {
    const signal = telnyxErrorSignal(payload?.errors);
    return signal ? optedOutRecipient(payload, signal) : { action: 'ignore', eventType };
  }
  return { action: 'ignore', eventType };
}

function inboundText(payload: Record<string, unknown> | undefined): TelnyxEventAction {
  const id = payload?.id;
  const from = objectAt(payload, 'from')?.phone_number;
  const to = firstRecipient(payload);
  const text = payload?.text ?? '';
  const receivedAt = payload?.received_at;
  const problems: ApiErrorDetail[] = [];
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) problems.push(detail('data.payload.id', 'required', 'data.payload.id is required (at most 200 characters)'));
  if (typeof from !== 'string' || from.length === 0 || from.length > 64) problems.push(detail('data.payload.from.phone_number', 'required', 'data.payload.from.phone_number is required'));
  if (typeof to !== 'string' || to.length === 0 || to.length > 64) problems.push(detail('data.payload.to[0].phone_number', 'required', 'data.payload.to[0].phone_number is required'));
  if (typeof text !== 'string' || text.length > 1600) problems.push(detail('data.payload.text', 'max_length', 'data.payload.text must be text of at most 1600 characters'));
  if (receivedAt !== undefined && receivedAt !== null && (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt)))) {
    problems.push(detail('data.payload.received_at', 'date_time', 'data.payload.received_at must be an ISO-8601 date-time'));
  }
  if (problems.length > 0) return { action: 'invalid', problems };
  return {
    action: 'ingest',
    message: {
      messageId: id as string,
      from: from as string,
      to: to as string,
      body: text as string,
      ...(typeof receivedAt === 'string' ? { receivedAt: new Date(receivedAt).toISOString() } : {}),
    },
    signal: telnyxInboundSignal(payload?.autoresponse_type),
  };
}

/** An outbound message refused with 40300: its recipient is the subscriber who opted out, its sender the business number. */
function optedOutRecipient(payload: Record<string, unknown> | undefined, signal: CarrierConsentSignal): TelnyxEventAction {
  const id = payload?.id;
  const subscriber = firstRecipient(payload);
  const sender = objectAt(payload, 'from')?.phone_number;
  const problems: ApiErrorDetail[] = [];
  if (typeof id !== 'string' || id.length === 0 || id.length > 180) problems.push(detail('data.payload.id', 'required', 'data.payload.id is required (at most 180 characters)'));
  if (typeof subscriber !== 'string' || subscriber.length === 0 || subscriber.length > 64) problems.push(detail('data.payload.to[0].phone_number', 'required', 'data.payload.to[0].phone_number is required'));
  if (typeof sender !== 'string' || sender.length === 0 || sender.length > 64) problems.push(detail('data.payload.from.phone_number', 'required', 'data.payload.from.phone_number is required'));
  if (problems.length > 0) return { action: 'invalid', problems };
  return { action: 'ingest', message: { messageId: `telnyx-status:${id as string}`, from: subscriber as string, to: sender as string, body: '' }, signal };
}

function firstRecipient(payload: Record<string, unknown> | undefined): unknown {
  const to = payload?.to;
  return Array.isArray(to) ? objectAt({ first: to[0] }, 'first')?.phone_number : undefined;
}

function objectAt(parent: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof parent !== 'object' || parent === null) return undefined;
  const value = (parent as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function detail(field: string, rule: string, message: string): ApiErrorDetail {
  return { field, rule, message };
}

function invalid(field: string, rule: string, message: string): TelnyxEventAction {
  return { action: 'invalid', problems: [detail(field, rule, message)] };
}
