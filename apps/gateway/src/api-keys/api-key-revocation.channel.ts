import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, keyPrefixOf } from '@optout/config';
import { createRedisClient, LiveSubscription, PRODUCER_REDIS, RedisClient } from '@optout/queue';
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
 * the message arrives (a Redis round trip). While a replica's channel is lost (LiveSubscription,
 * which also notices a Redis Cluster moving the subscription) the cache's 30 s
 * (API_KEY_HIT_TTL_MS) bound the time a revoked key keeps working there; when it is back the
 * replica forgets every key. The message is the key's SHA-256, which is what the caches are
 * keyed by; it opens nothing.
 */
@Injectable()
export class ApiKeyRevocationChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyRevocations');
  private readonly channel: string;
  private readonly subscription: LiveSubscription;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    // The producer connection fails fast: a revocation must not hang on an unreachable Redis.
    @Inject(PRODUCER_REDIS) private readonly publisher: RedisClient,
    private readonly keys: ApiKeyResolver,
  ) {
    this.channel = apiKeyRevocationChannel(config);
    this.subscription = new LiveSubscription(
      createRedisClient(config, 'subscriber', 'optout-api-key-revocations'),
      this.channel,
      // Anything revoked while the channel was down was not heard: ask Postgres again for every key.
      { message: (raw) => (KEY_HASH.test(raw) ? keys.forget(raw) : keys.forgetAll()), live: () => keys.forgetAll(), lost: () => undefined },
      { name: 'API key revocation channel', whileLost: `revoked keys are refused within ${BOUND_S} s`, whenBack: 'every cached key is asked again', logger: this.logger },
    );
  }

  onModuleInit(): void {
    this.subscription.start();
  }

  onApplicationShutdown(): void {
    this.subscription.stop();
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
}
