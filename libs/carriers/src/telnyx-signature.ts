import { createPublicKey, KeyObject, verify } from 'node:crypto';

/** Telnyx's window, as its SDK applies it: a timestamp more than 5 minutes from our clock is refused. */
export const TELNYX_TIMESTAMP_TOLERANCE_SECONDS = 300;

/**
 * The public key Telnyx shows in its portal (base64 of the raw 32-byte Ed25519 key) as a key
 * object, or null when it is not one. Checked when the account saves it, so a typo is a 400
 * then and not a 403 on every webhook later.
 */
export function telnyxPublicKeyOf(base64: string): KeyObject | null {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return null;
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

export type TelnyxSignatureVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Telnyx's webhook signature: Ed25519 over `${telnyx-timestamp}|${raw body}`, base64 in
 * `telnyx-signature-ed25519`; the timestamp (seconds) must be within 5 minutes of now.
 * `rawBody` must be the body exactly as received: re-serialised JSON would not verify.
 */
export function verifyTelnyxSignature(
  publicKey: KeyObject,
  rawBody: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  nowMs = Date.now(),
): TelnyxSignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature) return { valid: false, reason: 'the telnyx-signature-ed25519 header is missing' };
  if (!timestamp) return { valid: false, reason: 'the telnyx-timestamp header is missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'telnyx-timestamp must be whole seconds since the epoch' };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > TELNYX_TIMESTAMP_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'telnyx-timestamp is more than 5 minutes from our clock (a replay, or a clock that is wrong)' };
  }
  const bytes = /^[A-Za-z0-9+/]{86}==$/.test(signature) ? Buffer.from(signature, 'base64') : null;
  if (!bytes || bytes.length !== 64) return { valid: false, reason: 'telnyx-signature-ed25519 is not a base64 Ed25519 signature' };
  const signed = Buffer.from(`${timestamp}|${rawBody}`, 'utf8');
  return verify(null, signed, publicKey, bytes) ? { valid: true } : { valid: false, reason: 'telnyx-signature-ed25519 does not match this request (check the public key saved for this account)' };
}
