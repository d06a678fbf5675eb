import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '@optout/config';
import { assertRedisSettings, closeOnSignals, exitWithStartupError, processLogger } from '@optout/runtime';
import { localAdminToken, localSecretsKey } from './admin-token';
import { createStandaloneApp } from './create-standalone-app';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureLocalRedis } from './local-redis';
import { startBanner } from './start-banner';

const DATA_DIR = resolve('.data');
const EMBEDDED_POSTGRES_PORT = 54329;

/**
 * `npm start`: the whole system in one process for a laptop or a demo. Whatever the
 * environment does not provide is provided here: an embedded Postgres, a local Redis, an
 * admin token. Production runs the four apps as separate processes instead.
 */
async function main(): Promise<void> {
  const env = { ...process.env };
  const cleanups: Array<() => Promise<void> | void> = [];

  if (!env.DATABASE_URL) {
    const postgres = await startEmbeddedPostgres(DATA_DIR, EMBEDDED_POSTGRES_PORT);
    cleanups.push(() => postgres.stop());
    env.DATABASE_URL = postgres.url;
    env.DATABASE_POOL_SIZE = '1';
    console.log(`DATABASE_URL not set: embedded Postgres (PGlite) in ${DATA_DIR}/pglite`);
  }
  // Read through the config (the one reader of the environment): with REDIS_CLUSTER_NODES the
  // cluster must be there already; otherwise a local redis-server is started when none answers.
  const { redisUrl, redisClusterNodes } = loadConfig(env, { required: [] });
  const redis = await ensureLocalRedis(redisUrl, DATA_DIR, redisClusterNodes);
  if (redis.child) {
    cleanups.push(() => void redis.child?.kill());
    console.log(`Nothing answered at ${redis.url}: started redis-server with its data in ${DATA_DIR}/redis`);
  }
  env.REDIS_URL = redis.url;
  const generatedToken = !env.ADMIN_TOKEN;
  env.ADMIN_TOKEN ??= localAdminToken(DATA_DIR);
  if (!env.SECRETS_KEY) {
    env.SECRETS_KEY = localSecretsKey(DATA_DIR);
    console.log(`SECRETS_KEY not set: the key that seals webhook secrets and carrier credentials is kept in ${DATA_DIR}/secrets-key (keep it with the database)`);
  }

  const config = loadConfig(env, { required: ['ADMIN_TOKEN', 'DATABASE_URL', 'SECRETS_KEY'] });
  processLogger('standalone', config);
  await assertRedisSettings(config);
  const app = await createStandaloneApp(config);
  closeOnSignals('optout', app, async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  await app.listen(config.port, '127.0.0.1');

  console.log(startBanner({ base: `http://127.0.0.1:${config.port}`, adminToken: config.adminToken ?? '', generatedToken, tokenFile: `${DATA_DIR}/admin-token` }));
}

main().catch((error: unknown) => exitWithStartupError('optout', error));
