import type { ConnectionOptions } from 'bullmq';
import IORedis from 'ioredis';

/**
 * Options for BullMQ workers: a blocking connection must retry forever (`null`), so a Redis
 * restart pauses the workers rather than failing their jobs.
 */
export function workerConnectionOptions(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true };
}

/**
 * A producer connection fails fast instead of queueing commands while Redis is away: the
 * gateway must answer 503 rather than hold a carrier's request open, or lie with a 202.
 */
export function createProducerConnection(redisUrl: string, name: string): IORedis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: name, lazyConnect: false });
}
