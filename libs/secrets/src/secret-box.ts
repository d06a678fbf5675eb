import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A key that seals secrets at rest: its id travels with every value it sealed, so keys can rotate. */
export interface SecretKey {
  /** Letters, digits, `_` and `-`, at most 32. */
  id: string;
  /** 32 bytes: AES-256. */
  key: Buffer;
}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class SecretKeyMissingError extends Error {}

/**
 * Seals and opens secrets kept in the database (webhook signing secrets, carrier auth tokens):
 * AES-256-GCM with a fresh 96-bit nonce per value, stored as `enc:v1:<key id>:<base64url of
 * nonce | ciphertext | tag>`. The current key seals; the current and previous keys open, so a
 * key can be replaced without a window where rows cannot be read. GCM's tag makes a tampered
 * or truncated value fail to open rather than open to garbage.
 *
 * A value without the prefix is a plaintext row written before encryption (or by a replica not
 * yet upgraded): it opens as itself, and the start-up re-seal (libs/database) encrypts it.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: SecretKey,
    previous: SecretKey[] = [],
  ) {
    for (const key of [current, ...previous]) {
      if (!SECRET_KEY_ID.test(key.id)) throw new Error(`secret key id ${JSON.stringify(key.id)} must be 1 to 32 letters, digits, _ or -`);
      if (key.key.length !== 32) throw new Error(`secret key ${key.id} must be 32 bytes (AES-256), not ${key.key.length}`);
      if (!this.keys.has(key.id)) this.keys.set(key.id, key.key);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.current.id}:${body.toString('base64url')}`;
  }

  open(stored: string): string {
    const sealed = parseSealed(stored);
    if (!sealed) return stored;
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretKeyMissingError(`a secret was sealed with key "${sealed.keyId}", which neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS holds`);
    const body = Buffer.from(sealed.body, 'base64url');
    if (body.length < IV_BYTES + TAG_BYTES) throw new Error('a sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** True when `stored` is sealed with the current key: nothing to re-seal. */
  isSealedWithCurrentKey(stored: string): boolean {
    return parseSealed(stored)?.keyId === this.current.id;
  }
}

/** The key id a stored value was sealed with, or null for plaintext. */
export function sealedKeyIdOf(stored: string): string | null {
  return parseSealed(stored)?.keyId ?? null;
}

function parseSealed(stored: string): { keyId: string; body: string } | null {
  if (!stored.startsWith(PREFIX)) return null;
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) throw new Error('a sealed secret has no key id');
  return { keyId: rest.slice(0, colon), body: rest.slice(colon + 1) };
}

/** A new random key in the `id:base64` form SECRETS_KEY takes. */
export function generateSecretsKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
