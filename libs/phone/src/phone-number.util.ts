import { CountryCode, parsePhoneNumberWithError, ParseError } from 'libphonenumber-js/max';

export type PhoneParse = { ok: true; e164: string; country: string | null } | { ok: false; reason: string };

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;
const SHORT_CODE = /^\d{3,8}$/;

/**
 * Normalises a subscriber's number to E.164. National formats are read with the account's
 * default country, when it has one.
 *
 * Refused only when it cannot be a phone number at all (letters, a length impossible for its
 * country code). A number our metadata merely does not know (a new range, a test range, an
 * unassigned country code) is accepted with an unknown country: refusing a STOP because the
 * metadata is old would lose an opt-out.
 */
export function normalisePhone(raw: string, defaultCountry?: string | null): PhoneParse {
  const key = `${defaultCountry ?? ''}|${raw}`;
  const known = recent.get(key);
  if (known) return known;
  const result = parsePhone(raw, defaultCountry);
  remember(key, result);
  return result;
}

/**
 * Parsing costs tens of microseconds and the send gate sees the same numbers over and over:
 * the last results are kept (a pure function of its input, so never stale), oldest dropped.
 */
const RECENT_LIMIT = 50_000;
const recent = new Map<string, PhoneParse>();

function remember(key: string, result: PhoneParse): void {
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(key, result);
}

function parsePhone(raw: string, defaultCountry?: string | null): PhoneParse {
  const input = raw.trim();
  if (input === '') return { ok: false, reason: 'is empty' };
  if (/[A-Za-z]/.test(input)) return { ok: false, reason: 'contains letters' };
  try {
    const parsed = parsePhoneNumberWithError(input, (defaultCountry ?? undefined) as CountryCode | undefined);
    if (!parsed.isPossible()) {
      return { ok: false, reason: `has a length that is impossible for country code +${parsed.countryCallingCode}` };
    }
    return { ok: true, e164: parsed.number, country: parsed.isValid() ? (parsed.country ?? null) : null };
  } catch (error) {
    const compact = input.replace(/[\s().-]/g, '');
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY' && E164_SHAPE.test(compact)) {
      return { ok: true, e164: compact, country: null };
    }
    const why = error instanceof ParseError ? error.message.toLowerCase().replace(/_/g, ' ') : 'unreadable';
    return {
      ok: false,
      reason: defaultCountry || input.startsWith('+') ? `is not a phone number (${why})` : 'is not in E.164 format (+ and country code) and the account has no default country',
    };
  }
}

export type E164Parse = { ok: true; e164: string } | { ok: false; reason: string };

/** A North American number already in E.164 whose area code starts 2–9: most numbers this system sees. */
const NANP_E164 = /^\+1[2-9]\d{9}$/;

/**
 * A number's E.164 form, when that is all the caller needs (ingestion, the send gate, imports):
 * `normalisePhone` with a shortcut for the commonest input. libphonenumber spends 15–40 µs on a
 * +1 number (it tries each of the ~25 NANP countries' patterns to name the country, which
 * these callers do not use). For `+1` and ten digits not starting with 0 or 1 its answer is
 * known — possible, and the E.164 form is the input — so that shape skips it; every other
 * shape takes the full path. The unit spec checks the shortcut against `normalisePhone` on
 * random numbers.
 */
export function toE164(raw: string, defaultCountry?: string | null): E164Parse {
  const trimmed = raw.length === 12 ? raw : raw.trim();
  if (NANP_E164.test(trimmed)) return { ok: true, e164: trimmed };
  return normalisePhone(raw, defaultCountry);
}

/** The business side may be a short code (3 to 8 digits) as well as a full number. */
export function normaliseSender(raw: string, defaultCountry?: string | null): PhoneParse {
  const input = raw.trim();
  if (SHORT_CODE.test(input)) return { ok: true, e164: input, country: null };
  return normalisePhone(input, defaultCountry);
}

/** The country of an E.164 number, or null when the metadata cannot tell. */
export function countryOfPhone(e164: string): string | null {
  const parsed = normalisePhone(e164);
  return parsed.ok ? parsed.country : null;
}
