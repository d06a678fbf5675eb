import type { ValueTransformer } from 'typeorm';
import { SecretBox } from '@optout/secrets';

/**
 * The process's SecretBox, for TypeORM: column transformers are plain objects that Nest cannot
 * inject into, so DatabaseModule installs the box here once, from SECRETS_KEY, before any
 * query. A process without SECRETS_KEY (classifier, blocklist) reads no sealed column; if one
 * ever did, it fails loudly rather than return ciphertext as a secret.
 */
let box: SecretBox | null = null;

export function installSecretBox(next: SecretBox): void {
  box = next;
}

function requireBox(): SecretBox {
  if (!box) throw new Error('this process reads or writes a secret at rest but has no SECRETS_KEY');
  return box;
}

/** Seals a value for a column written with raw SQL (the transformer covers TypeORM writes). */
export function sealSecret(plaintext: string): string {
  return requireBox().seal(plaintext);
}

/** `transformer` of a column that holds a secret: sealed on the way in, opened on the way out. */
export const sealedColumn: ValueTransformer = {
  to: (value: string | null | undefined) => (typeof value === 'string' ? requireBox().seal(value) : value),
  from: (value: string | null) => (value === null ? null : requireBox().open(value)),
};

/**
 * Every column that holds a secret at rest: what the start-up re-seal walks. A new one (the
 * carriers' Telnyx API key, say) is added here and given `transformer: sealedColumn`.
 */
export const SEALED_COLUMNS: ReadonlyArray<{ table: string; key: string; columns: string[] }> = [
  { table: 'webhook_endpoints', key: 'id', columns: ['secret', 'previous_secret'] },
  { table: 'twilio_credentials', key: 'account_id', columns: ['auth_token'] },
  { table: 'telnyx_credentials', key: 'account_id', columns: ['api_key'] },
  // The erasure HMAC key (read with raw SQL, opened by ConsentErasureRepository).
  { table: 'erasure_keys', key: 'id', columns: ['secret'] },
];
