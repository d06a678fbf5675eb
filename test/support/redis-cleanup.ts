import IORedis from 'ioredis';

/** Deletes every key a suite made under its prefix, so runs leave the shared Redis as they found it. */
export async function deleteKeysWithPrefix(redisUrl: string, prefixes: string[]): Promise<void> {
  const redis = new IORedis(redisUrl);
  try {
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
