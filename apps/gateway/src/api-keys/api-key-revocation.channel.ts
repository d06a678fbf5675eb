import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, keyPrefixOf } from '@optout/config';
import { createRedisClient, PRODUCER_REDIS, RedisClient } from '@optout/queue';
import { API_KEY_HIT_TTL_MS, ApiKeyResolver } from '../auth/api-key-resolver.service';

const BOUND_S = API_KEY_HIT_TTL_MS / 1000;

/** The channel under the key prefix, so that two systems sharing a Redis never revoke each other's cache entries. */
export function apiKeyRevocationChannel(config: Pick<AppConfig, 'queuePrefix'>): string {
  return `${keyPrefixOf(config)}:api-key-revocations`;
}

const KEY_HASH = /^[0-9a-f]{64}$/;

/**
 * Tells every gateway replica that a key was revoked, the way profile changes are told
 * (libs/profiles): the replica that revoked it forgets it before answering, the others when
 * the message arrives (a Redis round trip). Pub/sub reaches only connected subscribers, so a
 * replica whose subscription was down forgets every key when it is back; while it is down,
 * the cache's 30 s (API_KEY_HIT_TTL_MS) bound the time a revoked key keeps working there.
 * The message is the key's SHA-256, which is what the caches are keyed by; it opens nothing.
 */
@Injectable()
export class ApiKeyRevocationChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyRevocations');
  private readonly channel: string;
  private readonly subscriber: RedisClient;
  private subscribed = false;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    // The producer connection fails fast: a revocation must not hang on an unreachable Redis.
    @Inject(PRODUCER_REDIS) private readonly publisher: RedisClient,
    private readonly keys: ApiKeyResolver,
  ) {
    this.channel = apiKeyRevocationChannel(config);
    // On a Redis Cluster (REDIS_CLUSTER_NODES) a cluster subscriber: ioredis moves it to another
    // node when its node leaves, silently; a revocation missed then is still bounded by the 30 s.
    this.subscriber = createRedisClient(config, 'subscriber', 'optout-api-key-revocations');
  }

  onModuleInit(): void {
    this.subscriber.on('ready', () => void this.subscribe());
    this.subscriber.on('close', () => this.lost('connection closed'));
    this.subscriber.on('error', (error: Error) => this.lost(error.message));
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      if (KEY_HASH.test(raw)) this.keys.forget(raw);
      else this.keys.forgetAll();
    });
    this.subscriber.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.closing = true;
    this.subscriber.disconnect();
  }

  /** Forgets the key here at once, then tells the other replicas; false when Redis could not be told (they fall back on the 30 s bound). */
  async revoked(keyHash: string): Promise<boolean> {
    this.keys.forget(keyHash);
    try {
      await this.publisher.publish(this.channel, keyHash);
      return true;
    } catch (error) {
      this.logger.warn(`revocation not announced (${(error as Error).message}): other replicas refuse the key within ${BOUND_S} s`);
      return false;
    }
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
      // Anything revoked while the channel was down was not heard: ask Postgres again for every key.
      this.keys.forgetAll();
      this.subscribed = true;
    } catch (error) {
      this.logger.warn(`could not subscribe to ${this.channel} (${(error as Error).message}); revoked keys are refused within ${BOUND_S} s`);
    }
  }

  private lost(reason: string): void {
    if (this.closing || !this.subscribed) return;
    this.subscribed = false;
    this.logger.warn(`API key revocation channel lost (${reason}); revoked keys are refused within ${BOUND_S} s until it is back`);
  }
}
