import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { LiveSubscription, RedisClient } from '@optout/queue';
import { CompiledProfileCache, UNPUSHED_RECHECK_MS } from './compiled-profile.cache';
import { decodeProfileChange, profileChangeChannel } from './profile-change.message';
import { PROFILE_CHANGES_REDIS } from './profiles.tokens';

/**
 * Listens for saved profile versions and drops the account's compiled copy, so a change
 * reaches this process in about a Redis round trip. While the channel is lost (see
 * LiveSubscription, which also covers a Redis Cluster's silent moves) the cache re-checks
 * Postgres every second, and when it is back it drops every entry, since any of them may
 * have missed an announcement.
 */
@Injectable()
export class ProfileChangeSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProfileChanges');
  private readonly channel: string;
  private readonly subscription: LiveSubscription;

  constructor(
    @Inject(PROFILE_CHANGES_REDIS) redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: CompiledProfileCache,
  ) {
    this.channel = profileChangeChannel(config);
    this.subscription = new LiveSubscription(
      redis,
      this.channel,
      { message: (raw) => this.onMessage(raw), live: () => cache.setPushActive(true), lost: () => cache.setPushActive(false) },
      {
        name: 'profile change channel',
        whileLost: `re-checking profiles every ${UNPUSHED_RECHECK_MS} ms`,
        whenBack: 'compiled profiles dropped, changes are pushed again',
        logger: this.logger,
      },
    );
  }

  onModuleInit(): void {
    this.subscription.start();
  }

  onApplicationShutdown(): void {
    this.subscription.stop();
  }

  private onMessage(raw: string): void {
    const change = decodeProfileChange(raw);
    if (!change) {
      this.logger.warn(`unreadable message on ${this.channel}: dropping every compiled profile`);
      this.cache.invalidateAll();
      return;
    }
    this.cache.invalidate(change.accountId, change.version);
    this.logger.log(`account ${change.accountId}: compliance profile version ${change.version} announced`);
  }
}
