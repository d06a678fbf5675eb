import type { CarrierConsentSignal, ConsentKind } from '@optout/contracts';

/**
 * What each carrier already knows about a subscriber's consent, read from its own fields.
 * Pure: the gateway (inbound webhooks, status callbacks) and the dispatcher (a refused send)
 * both turn carrier fields into the same signal.
 */

/** Twilio: "Attempt to send to unsubscribed recipient" — the number texted STOP to Twilio. */
export const TWILIO_UNSUBSCRIBED_ERROR = '21610';
/** Telnyx: "Message blocked: the recipient has opted out" (Telnyx messaging error 40300). */
export const TELNYX_OPTED_OUT_ERROR = '40300';

const KIND_OF_TWILIO_OPT_OUT_TYPE: Record<string, ConsentKind> = { STOP: 'optOut', START: 'optIn', HELP: 'help' };

/** Twilio's inbound webhook carries `OptOutType` when Twilio's (Advanced) Opt-Out handled the text. */
export function twilioInboundSignal(optOutType: string | undefined): CarrierConsentSignal | undefined {
  const type = optOutType?.trim().toUpperCase();
  const kind = type ? KIND_OF_TWILIO_OPT_OUT_TYPE[type] : undefined;
  if (!type || !kind) return undefined;
  return { carrier: 'twilio', kind, classification: type, detail: `Twilio handled the text as ${type} (OptOutType)` };
}

/**
 * Telnyx's `autoresponse_type` on `message.received`: set when the messaging profile's
 * opt-out/opt-in/help handling answered the text itself. Telnyx's documented values are
 * `stop`, `start`, `help` (anything else — an account's custom auto-response — is not consent).
 */
const KIND_OF_TELNYX_AUTORESPONSE: Record<string, ConsentKind> = {
  stop: 'optOut',
  opt_out: 'optOut',
  start: 'optIn',
  opt_in: 'optIn',
  unstop: 'optIn',
  help: 'help',
  info: 'help',
};

export function telnyxInboundSignal(autoresponseType: unknown): CarrierConsentSignal | undefined {
  if (typeof autoresponseType !== 'string') return undefined;
  const type = autoresponseType.trim().toLowerCase();
  const kind = KIND_OF_TELNYX_AUTORESPONSE[type];
  if (!kind) return undefined;
  return { carrier: 'telnyx', kind, classification: type.toUpperCase(), detail: `Telnyx answered the text itself (autoresponse_type ${autoresponseType})` };
}

/** Twilio's error on a refused send or a failed message's status callback. */
export interface TwilioError {
  code: string;
  message: string | null;
  moreInfo: string | null;
}

/** A Twilio error that means the number opted out at Twilio: an opt-out, recorded with source `carrier`. */
export function twilioErrorSignal(error: TwilioError | null): CarrierConsentSignal | undefined {
  if (!error || error.code !== TWILIO_UNSUBSCRIBED_ERROR) return undefined;
  return { carrier: 'twilio', kind: 'optOut', classification: error.code, detail: describeCarrierError('Twilio', error) };
}

/** A Telnyx error (`errors[]` of a message) that means the recipient opted out. */
export function telnyxErrorSignal(errors: unknown): CarrierConsentSignal | undefined {
  if (!Array.isArray(errors)) return undefined;
  const optedOut = errors.find((error) => String((error as { code?: unknown } | null)?.code ?? '') === TELNYX_OPTED_OUT_ERROR) as
    | { code: unknown; title?: unknown; detail?: unknown }
    | undefined;
  if (!optedOut) return undefined;
  const message = titleAndDetail(optedOut.title, optedOut.detail) || null;
  return { carrier: 'telnyx', kind: 'optOut', classification: TELNYX_OPTED_OUT_ERROR, detail: describeCarrierError('Telnyx', { code: TELNYX_OPTED_OUT_ERROR, message, moreInfo: null }) };
}

/** "Twilio error 21610: Attempt to send to unsubscribed recipient (https://…)", at most 500 characters. */
export function describeCarrierError(carrier: string, error: TwilioError): string {
  const text = `${carrier} error ${error.code}${error.message ? `: ${error.message}` : ''}${error.moreInfo ? ` (${error.moreInfo})` : ''}`;
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/**
 * Twilio's error body on a refused request (`{ code, message, more_info, status }`), or null
 * when the answer is not one (no body, not JSON, no code).
 */
export function twilioErrorOf(answer: string | null): TwilioError | null {
  const { code, message, more_info: moreInfo } = (parsedJson(answer) ?? {}) as { code?: unknown; message?: unknown; more_info?: unknown };
  if (!isErrorCode(code)) return null;
  return {
    code: String(code),
    message: typeof message === 'string' ? message.slice(0, 300) : null,
    moreInfo: typeof moreInfo === 'string' ? moreInfo.slice(0, 300) : null,
  };
}

/** Telnyx's error body on a refused request (`{ errors: [{ code, title, detail }] }`), as a carrier error; null when none. */
export function telnyxErrorOf(answer: string | null): TwilioError | null {
  const errors = ((parsedJson(answer) ?? {}) as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const { code, title, detail } = (errors[0] ?? {}) as { code?: unknown; title?: unknown; detail?: unknown };
  if (!isErrorCode(code)) return null;
  const message = titleAndDetail(title, detail);
  return { code: String(code), message: message ? message.slice(0, 300) : null, moreInfo: null };
}

/** The answer's JSON, or null when there is no answer or it is not JSON. */
function parsedJson(answer: string | null): unknown {
  if (!answer) return null;
  try {
    return JSON.parse(answer);
  } catch {
    return null;
  }
}

/** A carrier's error code: a number or a short non-empty string (anything longer is not a code but noise). */
function isErrorCode(code: unknown): code is number | string {
  return (typeof code === 'number' || typeof code === 'string') && String(code).length > 0 && String(code).length <= 16;
}

/** Telnyx's `title` and `detail` of one error, joined by ": " (either may be missing); "" when neither is there. */
function titleAndDetail(title: unknown, detail: unknown): string {
  return [title, detail].filter((part) => typeof part === 'string' && part.length > 0).join(': ');
}
