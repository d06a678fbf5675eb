import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { CompiledProfileCache, UNPUSHED_RECHECK_MS } from './compiled-profile.cache';
import { decodeProfileChange, profileChangeChannel } from './profile-change.message';
import { PROFILE_CHANGES_REDIS } from './profiles.tokens';

/**
 * Listens for saved profile versions and drops the account's compiled copy, so a change
 * reaches this process in about a Redis round trip. Pub/sub is fire-and-forget: a process
 * that is disconnected when a change is announced never hears it. So while the channel is
 * down the cache re-checks Postgres every second, and on (re)subscribing it drops every
 * entry, since any of them may have missed an announcement.
 */
@Injectable()
export class ProfileChangeSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProfileChanges');
  private readonly channel: string;
  private closing = false;
  private lostOnce = false;

  constructor(
    @Inject(PROFILE_CHANGES_REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: CompiledProfileCache,
  ) {
    this.channel = profileChangeChannel(config);
  }

  onModuleInit(): void {
    this.redis.on('ready', () => void this.subscribe());
    this.redis.on('close', () => this.lost('connection closed'));
    this.redis.on('error', (error: Error) => this.lost(error.message));
    this.redis.on('message', (channel: string, raw: string) => this.onMessage(channel, raw));
    // Connected here, after the listeners exist, so that the first 'ready' is not missed.
    // ioredis keeps reconnecting on its own when this first attempt fails.
    this.redis.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.closing = true;
    this.redis.disconnect();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.redis.subscribe(this.channel);
      this.cache.setPushActive(true);
      if (this.lostOnce) this.logger.log('profile change channel back: compiled profiles dropped, changes are pushed again');
    } catch (error) {
      this.logger.warn(`could not subscribe to ${this.channel} (${(error as Error).message}); re-checking profiles every ${UNPUSHED_RECHECK_MS} ms`);
    }
  }

  private lost(reason: string): void {
    if (this.closing || !this.cache.isPushActive) return;
    this.lostOnce = true;
    this.cache.setPushActive(false);
    this.logger.warn(`profile change channel lost (${reason}); re-checking profiles every ${UNPUSHED_RECHECK_MS} ms until it is back`);
  }

  private onMessage(channel: string, raw: string): void {
    if (channel !== this.channel) return;
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
