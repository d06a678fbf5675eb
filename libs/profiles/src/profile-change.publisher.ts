import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { PRODUCER_REDIS, RedisClient } from '@optout/queue';
import { encodeProfileChange, ProfileChange, profileChangeChannel } from './profile-change.message';

/** Announces a saved profile version to every process's `CompiledProfileCache`. */
@Injectable()
export class ProfileChangePublisher {
  private readonly channel: string;

  constructor(
    // The producer connection fails fast: a save must not hang on an unreachable Redis.
    @Inject(PRODUCER_REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = profileChangeChannel(config);
  }

  /**
   * Resolves with how many processes heard it (on a cluster: how many subscribed on the node that
   * took the PUBLISH; the cluster relays it to the others); throws when Redis does not answer.
   */
  async publish(change: ProfileChange): Promise<number> {
    return this.redis.publish(this.channel, encodeProfileChange(change));
  }
}
