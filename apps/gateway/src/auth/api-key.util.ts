import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new account key: shown once, stored only as its SHA-256. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `ook_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

const API_KEY_FORMAT = /^ook_[A-Za-z0-9_-]{43}$/;

/** True for a string shaped like a key we issue: anything else is refused without a database read. */
export function isWellFormedApiKey(candidate: string): boolean {
  return API_KEY_FORMAT.test(candidate);
}

/**
 * A fast hash is right here: keys are 256 random bits, so there is nothing to brute-force.
 * Computed on every authenticated request: the one-shot `hash` allocates no Hash object.
 */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1] : null;
}
