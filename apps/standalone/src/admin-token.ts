import { randomBytes } from 'node:crypto';
import { generateSecretsKey } from '@optout/secrets';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A generated admin token, kept in `.data/admin-token` so that it survives a restart. */
export function localAdminToken(dataDir: string): string {
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `adm_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * A generated SECRETS_KEY (`local:<base64>`), kept in `.data/secrets-key` beside the embedded
 * database whose secrets it seals: losing it makes webhook secrets and carrier credentials
 * unreadable, so it is written once and never replaced.
 */
export function localSecretsKey(dataDir: string): string {
  const file = join(dataDir, 'secrets-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = generateSecretsKey('local');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
