import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@optout/config';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The key that seals secrets at rest in every suite's system (a fixed test key: never use it elsewhere). */
export const TEST_SECRETS_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** A configuration of its own for one suite: its database, its queue prefix, quick retries. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `{optout-test-${randomBytes(4).toString('hex')}}`,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
      WEBHOOK_RETRY_DELAYS_MS: '100,200,400',
      LOG_LEVEL: 'error',
      PORT: '0',
      // Suites send hundreds of bad credentials on purpose from one address; the suite of the
      // limit itself sets a low one.
      AUTH_FAILURES_PER_MINUTE: '1000000',
      SECRETS_KEY: TEST_SECRETS_KEY,
      // Suites send thousands of messages from one account; the quota suite sets its own.
      INBOUND_ACCOUNT_MESSAGES_PER_SECOND: '0',
      INBOUND_ACCOUNT_BYTES_PER_SECOND: '0',
      ...overrides,
    },
    { required: ['ADMIN_TOKEN', 'DATABASE_URL', 'SECRETS_KEY'] },
  );
}
