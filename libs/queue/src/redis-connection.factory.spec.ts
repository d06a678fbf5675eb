import IORedis, { Cluster } from 'ioredis';
import { createRedisClient, describeRedisTarget, isCluster, workerConnection } from './redis-connection.factory';
import { hashTagOf } from './replica-wait';

describe('the Redis connection factory', () => {
  const single = { redisUrl: 'redis://:secret@redis.example:6380', redisClusterNodes: null };
  const cluster = { redisUrl: 'redis://127.0.0.1:6379', redisClusterNodes: [{ host: 'r1', port: 7000 }, { host: 'r2', port: 7001 }] };

  it('opens a plain client on REDIS_URL when no cluster is configured (lazy roles, nothing connects)', () => {
    const client = createRedisClient(single, 'subscriber', 'test');
    expect(client).toBeInstanceOf(IORedis);
    expect(isCluster(client)).toBe(false);
    expect(client.status).toBe('wait');
    expect(workerConnection(single, 'w')).toEqual({ url: single.redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true });
    client.disconnect();
  });

  it('opens an ioredis Cluster on the seeds when REDIS_CLUSTER_NODES is set, for every role', () => {
    const client = createRedisClient(cluster, 'subscriber', 'test');
    expect(client).toBeInstanceOf(Cluster);
    expect(isCluster(client)).toBe(true);
    const worker = workerConnection(cluster, 'w') as Cluster;
    expect(worker).toBeInstanceOf(Cluster);
    // BullMQ refuses a worker connection that gives up on commands.
    expect(worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
    client.disconnect();
    worker.disconnect();
  });

  it('names where Redis is without its password', () => {
    expect(describeRedisTarget(single)).toBe('Redis at redis://:***@redis.example:6380');
    expect(describeRedisTarget(cluster)).toBe('Redis Cluster (seeds r1:7000, r2:7001)');
  });

  it('finds the hash tag that decides a key slot, as Redis does', () => {
    expect(hashTagOf('{optout}:inbound:id')).toBe('optout');
    expect(hashTagOf('optout:gate:{a1}:+1202')).toBe('a1');
    expect(hashTagOf('{}:x{y}')).toBe('{}:x{y}'); // an empty first tag: the whole key
    expect(hashTagOf('plain')).toBe('plain');
  });
});
