import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '@optout/config';
import { assertRedisSettings, closeOnSignals, exitWithStartupError, processLogger } from '@optout/runtime';
import { localAdminToken } from './admin-token';
import { createStandaloneApp } from './create-standalone-app';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureLocalRedis } from './local-redis';

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

  const config = loadConfig(env, { required: ['ADMIN_TOKEN', 'DATABASE_URL'] });
  processLogger('standalone', config);
  await assertRedisSettings(config);
  const app = await createStandaloneApp(config);
  closeOnSignals('optout', app, async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  await app.listen(config.port, '127.0.0.1');

  const base = `http://127.0.0.1:${config.port}`;
  console.log(`
Opt-out platform running (gateway, classifier, blocklist, dispatcher in one process)
  API:          ${base}/v1
  Admin token:  ${config.adminToken}${generatedToken ? `   (generated; kept in ${DATA_DIR}/admin-token)` : ''}
  Queues:       ${base}/ops/queues   (any user name, the admin token as password)
  Metrics:      ${base}/metrics      health: ${base}/health/ready

Try it:
  KEY=$(curl -s -X POST ${base}/v1/accounts -H 'authorization: Bearer ${config.adminToken}' -H 'content-type: application/json' -d '{"name":"Demo"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).apiKey')
  ACCOUNT=$(curl -s ${base}/v1/accounts -H 'authorization: Bearer ${config.adminToken}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).items.at(-1).id')
  curl -s -X POST ${base}/v1/inbound -H "authorization: Bearer $KEY" -H 'content-type: application/json' \\
       -d '{"accountId":"'$ACCOUNT'","messageId":"demo-1","from":"+12025550199","to":"+12025550100","body":"STOP"}'
  curl -s ${base}/v1/gate/$ACCOUNT/+12025550199 -H "authorization: Bearer $KEY"
`);
}

main().catch((error: unknown) => exitWithStartupError('optout', error));
