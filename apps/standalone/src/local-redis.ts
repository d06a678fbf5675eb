import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisNodeAddress } from '@optout/config';
import { describeRedisTarget, redisAnswers } from '@optout/queue';

/** The connection name of the launcher's "is Redis there?" probes (seen in CLIENT LIST). */
const PROBE_NAME = 'optout-launcher-probe';

export interface LocalRedis {
  url: string;
  /** Set when this process started the server and must stop it. */
  child: ChildProcess | null;
}

/**
 * Uses the Redis at `url` when one answers; otherwise starts `redis-server` on that port with
 * its data (an append-only file) under `.data/redis`. Neither possible: a message saying what
 * to install.
 */
export async function ensureLocalRedis(url: string, dataDir: string, clusterNodes: RedisNodeAddress[] | null = null): Promise<LocalRedis> {
  if (clusterNodes) {
    // A cluster is never started here: it is the operator's, and must already be there.
    if (await redisAnswers({ redisUrl: url, redisClusterNodes: clusterNodes }, PROBE_NAME)) return { url, child: null };
    throw new Error(`Nothing answers at the ${describeRedisTarget({ redisUrl: url, redisClusterNodes: clusterNodes })}: start the cluster, or unset REDIS_CLUSTER_NODES to use a single Redis.`);
  }
  if (await redisAnswers({ redisUrl: url }, PROBE_NAME)) return { url, child: null };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `Nothing answers at ${url} and redis-server is not installed. Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.`,
    );
  }
  const { hostname, port } = new URL(url);
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', port || '6379', '--bind', hostname === 'localhost' ? '127.0.0.1' : hostname, '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await redisAnswers({ redisUrl: url }, PROBE_NAME)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`Started redis-server for ${url}, but it did not answer within 5 s`);
}
