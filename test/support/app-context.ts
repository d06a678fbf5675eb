import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@optout/config';
import { keyPrefixOf } from '@optout/config';
import { AccountRepository } from '@optout/database';
import { rootModuleFor } from '@optout/runtime';
import { deleteKeysWithPrefix } from './redis-cleanup';
import { testConfig } from './test-config';
import { createTestDatabase, queryDatabase, TestDatabase } from './test-database';

/** Some apps' modules, without HTTP, on a database and queue prefix of their own. */
export class TestAppContext {
  private constructor(
    readonly context: INestApplicationContext,
    readonly config: AppConfig,
    readonly database: TestDatabase,
  ) {}

  static async start(apps: Type[], overrides: Record<string, string> = {}): Promise<TestAppContext> {
    const database = await createTestDatabase();
    const config = testConfig(database.url, overrides);
    const context = await NestFactory.createApplicationContext(rootModuleFor(config, apps), { logger: ['error'] });
    return new TestAppContext(context, config, database);
  }

  get<T>(type: Type<T>): T {
    return this.context.get(type, { strict: false });
  }

  /** A new account straight through the repository (these contexts have no HTTP); its id. The key is never used. */
  async createAccount(name = 'Acme'): Promise<string> {
    return (await this.get(AccountRepository).createWithKey(name, null, { keyHash: `h-${randomUUID()}`, keyPrefix: 'p' })).id;
  }

  /** Rows from this context's database, over a connection of the test's own. */
  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryDatabase<T>(this.database.url, text, values);
  }

  async stop(): Promise<void> {
    await this.context.close();
    await deleteKeysWithPrefix(this.config.redisUrl, [this.config.queuePrefix, `${keyPrefixOf(this.config)}:`]);
    await this.database.drop();
  }
}
