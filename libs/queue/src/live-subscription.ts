import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Cluster } from 'ioredis';
import { isCluster, RedisClient } from './redis-connection.factory';

/** How often a Cluster subscription is checked for a silent move to another node. */
const MOVE_CHECK_MS = 250;

/** What a cache that listens to a channel does with it. */
export interface LiveSubscriptionListener {
  /** A message on the channel. */
  message(raw: string): void;
  /** The channel carries messages (again): whatever was announced while it did not was missed. */
  live(): void;
  /** The channel stopped carrying messages. */
  lost(): void;
}

export interface LiveSubscriptionOptions {
  /** Says what the channel is in log lines ("profile change channel"). */
  name: string;
  /** What holds while the channel is lost, for log lines ("revoked keys are refused within 30 s"). */
  whileLost: string;
  /** What `live` did, for the log line when the channel is back ("every cached key is asked again"). */
  whenBack: string;
  logger: Logger;
}

/**
 * A Redis pub/sub channel whose listener must know whether it carries messages, because a
 * cache trusts it to hear of changes. Pub/sub is fire-and-forget: a process disconnected when
 * a change is announced never hears it. So the listener is told `lost` when the connection
 * drops and `live` when the subscription is back, and drops what it may have missed then.
 *
 * On a Redis Cluster the channel is classic pub/sub, which the cluster broadcasts to every
 * node; ioredis subscribes on one connection to one node and, when that connection ends,
 * subscribes again on a new one — silently: no event reaches the Cluster client (ioredis 5).
 * Messages published in between are missed. So the subscription's connection is watched
 * (every 250 ms: has ioredis replaced it?) besides the client's events, and once it moved
 * (or a node left, or the client reported an error) the channel counts as lost until this
 * process hears its own probe on `<channel>:probe`, published every second through the
 * cluster: only then is the subscription known to carry messages again.
 *
 * `redis` is a connection of its own (a subscribed connection can do nothing else), created
 * with `lazyConnect`; `start` connects it once the listeners exist.
 */
export class LiveSubscription {
  private readonly probeChannel: string;
  private isLive = false;
  private lostOnce = false;
  private closing = false;
  /** Cluster only: the probe this process is waiting to hear, and the timer that sends it. */
  private probe: string | null = null;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Cluster only: the connection the subscription was live on, and the timer that checks it is still the one. */
  private liveConnection: unknown;
  private moveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly channel: string,
    private readonly listener: LiveSubscriptionListener,
    private readonly options: LiveSubscriptionOptions,
  ) {
    this.probeChannel = `${channel}:probe`;
  }

  start(): void {
    this.redis.on('ready', () => void this.subscribe());
    this.redis.on('close', () => this.lose('connection closed'));
    this.redis.on('error', (error: Error) => this.lose(error.message));
    if (isCluster(this.redis)) this.redis.on('-node', (_node: unknown, key: string) => this.lose(`cluster node ${key} left`));
    this.redis.on('message', (channel: string, raw: string) => this.onMessage(channel, raw));
    if (isCluster(this.redis)) this.watchForMoves(this.redis);
    // Connected here, after the listeners exist, so that the first 'ready' is not missed.
    // ioredis keeps reconnecting on its own when this first attempt fails.
    this.redis.connect().catch(() => undefined);
  }

  stop(): void {
    this.closing = true;
    clearInterval(this.moveTimer);
    this.stopProbing();
    this.redis.disconnect();
  }

  private async subscribe(): Promise<void> {
    try {
      await this.redis.subscribe(...(isCluster(this.redis) ? [this.channel, this.probeChannel] : [this.channel]));
      this.becomeLive('');
    } catch (error) {
      this.options.logger.warn(`could not subscribe to ${this.channel} (${(error as Error).message}); ${this.options.whileLost}`);
    }
  }

  private becomeLive(how: string): void {
    this.stopProbing();
    if (isCluster(this.redis)) this.liveConnection = subscriptionConnectionOf(this.redis);
    this.isLive = true;
    this.listener.live();
    if (this.lostOnce) this.options.logger.log(`${this.options.name} back${how}: ${this.options.whenBack}`);
  }

  private lose(reason: string): void {
    if (this.closing || !this.isLive) return;
    this.isLive = false;
    this.lostOnce = true;
    this.listener.lost();
    this.options.logger.warn(`${this.options.name} lost (${reason}); ${this.options.whileLost} until it is back`);
    if (isCluster(this.redis)) this.startProbing();
  }

  private watchForMoves(cluster: Cluster): void {
    this.moveTimer = setInterval(() => {
      const connection = subscriptionConnectionOf(cluster);
      if (this.isLive && connection !== undefined && connection !== this.liveConnection) this.lose('the cluster client moved the subscription to another connection');
    }, MOVE_CHECK_MS);
    this.moveTimer.unref();
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
    // A disconnect closes only our side at once: what the server had sent still arrives.
    if (this.closing) return;
    if (channel === this.probeChannel) {
      // Other processes' probes pass by too; only our own proves our subscription.
      if (this.probe !== null && raw === this.probe) this.becomeLive(' (probe heard)');
      return;
    }
    if (channel === this.channel) this.listener.message(raw);
  }
}

/**
 * The connection ioredis's Cluster client subscribes on (its private ClusterSubscriber's
 * instance), or undefined if a later ioredis keeps it elsewhere — then only the client's
 * events tell of a loss, as before this check existed; the cluster e2e test would fail.
 */
function subscriptionConnectionOf(cluster: Cluster): unknown {
  return (cluster as unknown as { subscriber?: { getInstance?: () => unknown } }).subscriber?.getInstance?.() ?? undefined;
}
