import type { ConnectionOptions } from 'bullmq';
import IORedis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import type { AppConfig } from '@optout/config';

/** A connection to the one Redis (REDIS_URL) or to a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = IORedis | Cluster;

/** Where Redis is: the part of the configuration every connection is built from. */
export type RedisTarget = Pick<AppConfig, 'redisUrl'> & { redisClusterNodes?: AppConfig['redisClusterNodes'] };

/**
 * What a connection is for, which decides how it behaves while Redis (or one master of a
 * cluster) is away:
 * - `producer`: fails fast instead of queueing commands — the gateway must answer 503, not
 *   hold a carrier's request open or lie with a 202;
 * - `gate`: fails fast with a 1 s timeout (the gate then answers from Postgres), and merges
 *   concurrent lookups into one write (auto-pipelining; docs/performance.md);
 * - `worker`: retries forever, so a Redis restart or a failover pauses BullMQ workers rather
 *   than failing their jobs;
 * - `subscriber`: the profile-change channel; connects when its listeners are in place;
 * - `startup`: the start-up check, retried until Redis answers (the caller bounds the wait);
 * - `probe`: one attempt, no retry ("is anything there?").
 */
export type RedisRole = 'producer' | 'gate' | 'worker' | 'subscriber' | 'startup' | 'probe';

const SINGLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false },
  gate: { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000, enableAutoPipelining: true },
  worker: { maxRetriesPerRequest: null, enableReadyCheck: true },
  // The subscriber re-subscribes itself on 'ready' so that it knows when announcements flow again.
  subscriber: { lazyConnect: true, autoResubscribe: false, maxRetriesPerRequest: null },
  startup: { maxRetriesPerRequest: null },
  probe: { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null },
};

/**
 * The same intents for a cluster. `redisOptions` apply to each node's connection; the rest
 * to the cluster client. While a master is failing over, a command for its slots is retried
 * (`retryDelayOnFailover`, `maxRedirections`) until the replica has taken over or the
 * redirections run out — about 1.5 s for the fail-fast roles, after which the caller sees
 * the error (the gateway answers 503 with Retry-After).
 */
const CLUSTER_OPTIONS: Record<RedisRole, ClusterOptions> = {
  producer: { enableOfflineQueue: false, retryDelayOnFailover: 100, maxRedirections: 16, redisOptions: { maxRetriesPerRequest: 1 } },
  gate: {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    retryDelayOnFailover: 100,
    maxRedirections: 6,
    redisOptions: { maxRetriesPerRequest: 0, commandTimeout: 1_000 },
  },
  // BullMQ duplicates this (lazy) client for each worker's connections and owns the copies.
  worker: { lazyConnect: true, redisOptions: { maxRetriesPerRequest: null } },
  subscriber: { lazyConnect: true, redisOptions: { maxRetriesPerRequest: null } },
  startup: { redisOptions: { maxRetriesPerRequest: null } },
  probe: { lazyConnect: true, clusterRetryStrategy: () => null, redisOptions: { maxRetriesPerRequest: 0, connectTimeout: 1_000 } },
};

/**
 * The one way this system opens a Redis connection. REDIS_CLUSTER_NODES set: an ioredis
 * Cluster on those seeds (which learns the rest of the cluster); unset: a plain client on
 * REDIS_URL, exactly as before clusters were supported.
 */
export function createRedisClient(target: RedisTarget, role: RedisRole, connectionName: string): RedisClient {
  if (target.redisClusterNodes) {
    const options = CLUSTER_OPTIONS[role];
    return new Cluster(
      target.redisClusterNodes.map(({ host, port }) => ({ host, port })),
      {
        // ready only once CLUSTER INFO says cluster_state:ok
        enableReadyCheck: true,
        slotsRefreshTimeout: 2_000,
        ...options,
        redisOptions: { connectionName, ...options.redisOptions },
      },
    );
  }
  return new IORedis(target.redisUrl, { connectionName, ...SINGLE_OPTIONS[role] });
}

/**
 * The `connection` of a BullMQ Worker. Single Redis: options (BullMQ opens its connections).
 * Cluster: a lazy Cluster client that BullMQ duplicates; the caller disconnects it after the
 * worker closes.
 */
export function workerConnection(target: RedisTarget, connectionName: string): ConnectionOptions | Cluster {
  if (target.redisClusterNodes) return createRedisClient(target, 'worker', connectionName) as Cluster;
  return { url: target.redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true };
}

/** One attempt, no retry: does a Redis (or a ready cluster) answer PING at `target`? */
export async function redisAnswers(target: RedisTarget, connectionName: string): Promise<boolean> {
  const client = createRedisClient(target, 'probe', connectionName);
  // Refused connections are the expected "no"; without a listener ioredis would log them as unhandled.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function isCluster(client: RedisClient): client is Cluster {
  return (client as Cluster).isCluster === true;
}

/** Where Redis is, for messages: the URL without its password, or the cluster's seeds. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.redisClusterNodes) return `Redis Cluster (seeds ${target.redisClusterNodes.map(({ host, port }) => `${host}:${port}`).join(', ')})`;
  try {
    const parsed = new URL(target.redisUrl);
    if (parsed.password) parsed.password = '***';
    return `Redis at ${parsed.toString()}`;
  } catch {
    return `Redis at ${target.redisUrl}`;
  }
}

/** The variable to set when Redis cannot be reached, for messages. */
export function redisSetting(target: RedisTarget): string {
  return target.redisClusterNodes ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL';
}

/** Each master's own connection (the client itself for a single Redis): for INFO, CLUSTER INFO. */
export function masterConnections(client: RedisClient): IORedis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** `host:port` of a node connection, for messages. */
export function nodeAddress(node: IORedis): string {
  return `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;
}

/** Resolves once the client is ready (connecting it if it is lazy); rejects after `timeoutMs`, saying what it waited for. */
export async function waitUntilReady(client: RedisClient, target: RedisTarget, timeoutMs = 30_000): Promise<void> {
  if (client.status === 'ready') return;
  if (client.status === 'wait') client.connect().catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', ready);
      reject(new Error(`${describeRedisTarget(target)} did not answer within ${timeoutMs / 1000}s: start it or set ${redisSetting(target)}`));
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', ready);
  });
}
