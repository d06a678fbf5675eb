import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { PRODUCER_REDIS } from '@optout/queue';
import { encodeProfileChange, ProfileChange, profileChangeChannel } from './profile-change.message';

/** Announces a saved profile version to every process's `CompiledProfileCache`. */
@Injectable()
export class ProfileChangePublisher {
  private readonly channel: string;

  constructor(
    // The producer connection fails fast: a save must not hang on an unreachable Redis.
    @Inject(PRODUCER_REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = profileChangeChannel(config);
  }

  /** Resolves with how many processes heard it; throws when Redis does not answer. */
  async publish(change: ProfileChange): Promise<number> {
    return this.redis.publish(this.channel, encodeProfileChange(change));
  }
}
