import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@optout/config';
import { keyPrefixOf } from '@optout/config';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app';
import IORedis from 'ioredis';
import { JobProducer } from '@optout/queue';
import { waitFor } from './wait-for';
import { deleteKeysWithPrefix } from './redis-cleanup';
import { TEST_ADMIN_TOKEN, testConfig } from './test-config';
import { createTestDatabase, queryDatabase, TestDatabase, TestDatabaseOptions } from './test-database';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The whole system, all four apps, in this process against the real Redis and Postgres,
 * listening on a free port: what `npm start` runs, with a database and queue prefix of its own.
 */
export class RunningSystem {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly database: TestDatabase,
    readonly baseUrl: string,
  ) {}

  static async start(overrides: Record<string, string> = {}, databaseOptions: TestDatabaseOptions = {}): Promise<RunningSystem> {
    const database = await createTestDatabase(databaseOptions);
    const config = testConfig(database.url, overrides);
    const app = await createStandaloneApp(config);
    await app.listen(0, '127.0.0.1');
    return new RunningSystem(app, config, database, await app.getUrl());
  }

  async request<T = any>(method: string, path: string, options: { token?: string; json?: unknown; body?: string; contentType?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  /** Rows from this system's database. */
  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryDatabase<T>(this.database.url, text, values);
  }

  /** Redis keys matching a pattern (under this system's key prefix when the pattern starts with *). */
  async redisKeys(pattern: string): Promise<string[]> {
    const redis = new IORedis(this.config.redisUrl);
    try {
      return await redis.keys(pattern.startsWith('*') ? `${keyPrefixOf(this.config)}:${pattern.slice(1)}` : pattern);
    } finally {
      redis.disconnect();
    }
  }

  /** Resolves once no queue has a job waiting, delayed or running: everything sent has been through. */
  async waitUntilQueuesDrain(timeoutMs = 10_000): Promise<void> {
    const producer = this.app.get(JobProducer);
    await waitFor(
      'every queue to drain',
      async () => {
        const counts = await Promise.all(producer.allQueues().map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        return counts.every((count) => Object.values(count).every((n) => n === 0)) ? true : undefined;
      },
      { timeoutMs },
    );
  }

  /** A new account; returns its id and API key. */
  async createAccount(name = 'Acme'): Promise<{ id: string; apiKey: string }> {
    const response = await this.request('POST', '/v1/accounts', { token: TEST_ADMIN_TOKEN, json: { name } });
    if (response.status !== 201) throw new Error(`account creation answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The id of the account's API key (the one `createAccount` gave it). */
  async apiKeyIdOf(accountId: string): Promise<string> {
    const [key] = await this.sql<{ id: string }>('SELECT id FROM api_keys WHERE account_id = $1 ORDER BY created_at LIMIT 1', [accountId]);
    return key.id;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await deleteKeysWithPrefix(this.config.redisUrl, [this.config.queuePrefix, `${keyPrefixOf(this.config)}:`]);
    await this.database.drop();
  }
}
