import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { isCluster, RedisClient } from '@optout/queue';
import { CompiledProfileCache, UNPUSHED_RECHECK_MS } from './compiled-profile.cache';
import { decodeProfileChange, profileChangeChannel } from './profile-change.message';
import { PROFILE_CHANGES_REDIS } from './profiles.tokens';

/**
 * Listens for saved profile versions and drops the account's compiled copy, so a change
 * reaches this process in about a Redis round trip. Pub/sub is fire-and-forget: a process
 * that is disconnected when a change is announced never hears it. So while the channel is
 * down the cache re-checks Postgres every second, and on (re)subscribing it drops every
 * entry, since any of them may have missed an announcement.
 *
 * On a Redis Cluster the channel is classic pub/sub, which the cluster broadcasts to every
 * node; ioredis subscribes on one node and moves the subscription to another when that node
 * leaves — silently. So when a node leaves (or the cluster client reports an error) the channel
 * counts as lost until this process hears its own probe on `<channel>:probe`, published every
 * second through the cluster: only then is the subscription known to carry messages again.
 */
@Injectable()
export class ProfileChangeSubscriber implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProfileChanges');
  private readonly channel: string;
  private readonly probeChannel: string;
  private closing = false;
  private lostOnce = false;
  /** Cluster only: the probe this process is waiting to hear, and the timer that sends it. */
  private probe: string | null = null;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PROFILE_CHANGES_REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cache: CompiledProfileCache,
  ) {
    this.channel = profileChangeChannel(config);
    this.probeChannel = `${this.channel}:probe`;
  }

  onModuleInit(): void {
    this.redis.on('ready', () => void this.subscribe());
    this.redis.on('close', () => this.lost('connection closed'));
    this.redis.on('error', (error: Error) => this.lost(error.message));
    if (isCluster(this.redis)) this.redis.on('-node', (_node: unknown, key: string) => this.lost(`cluster node ${key} left`));
    this.redis.on('message', (channel: string, raw: string) => this.onMessage(channel, raw));
    // Connected here, after the listeners exist, so that the first 'ready' is not missed.
    // ioredis keeps reconnecting on its own when this first attempt fails.
    this.redis.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.closing = true;
    this.stopProbing();
    this.redis.disconnect();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.redis.subscribe(...(isCluster(this.redis) ? [this.channel, this.probeChannel] : [this.channel]));
      this.stopProbing();
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
    if (isCluster(this.redis)) this.startProbing();
  }

  /** Cluster: publish a probe every second until this process hears one (onMessage). */
  private startProbing(): void {
    if (this.probeTimer || this.closing) return;
    this.probeTimer = setInterval(() => {
      this.probe = randomUUID();
      this.redis.publish(this.probeChannel, this.probe).catch(() => undefined);
    }, 1_000);
    this.probeTimer.unref();
  }

  private stopProbing(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    this.probe = null;
  }

  private onMessage(channel: string, raw: string): void {
    if (channel === this.probeChannel) {
      // Other processes' probes pass by too; only our own proves our subscription.
      if (this.probe !== null && raw === this.probe) {
        this.stopProbing();
        this.cache.setPushActive(true);
        this.logger.log('profile change channel back (probe heard): compiled profiles dropped, changes are pushed again');
      }
      return;
    }
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
