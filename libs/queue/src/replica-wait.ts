import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '@optout/config';
import { isCluster, RedisClient } from './redis-connection.factory';

/**
 * Waits (Redis WAIT) until `redisWaitReplicas` replicas hold every write this connection has
 * made to the master that owns `slotKey`'s slot. Redis replicates asynchronously: without
 * this, a master that dies right after answering can be replaced by a replica that never got
 * the write — an acknowledged STOP gone, or a gate entry rolled back to `allowed: true`.
 *
 * WAIT has no key, so on a cluster it rides in a pipeline behind a read of `slotKey`: ioredis
 * sends a pipeline to the node of its keyed commands, over the same connection that carried
 * the write. When fewer replicas confirm within `redisWaitTimeoutMs` the write still stands on
 * the master (on its append-only file) and this only logs: refusing would turn a slow or lost
 * replica into an ingestion outage, and some carriers never resend a refused message
 * (docs/reliability.md, "Failover").
 *
 * A master with no replica connected (its replica died, or it *is* the replica promoted by a
 * failover and nothing has replaced the old master yet) is not waited on at all: WAIT would
 * spend its whole timeout on every write, holding the connection, for nothing. How many
 * replicas a master has (ROLE) is kept a second per hash tag.
 */
export class ReplicaWait {
  private readonly logger = new Logger('ReplicaWait');
  private lastWarnedAt = 0;
  private shortSinceWarned = 0;
  /** Replicas connected to the master of a hash tag's slot, as ROLE said within the last second. */
  private readonly replicasOf = new LRUCache<string, number>({ max: 10_000, ttl: 1_000 });

  constructor(private readonly config: Pick<AppConfig, 'redisWaitReplicas' | 'redisWaitTimeoutMs'>) {}

  get enabled(): boolean {
    return this.config.redisWaitReplicas > 0;
  }

  /** Resolves with how many replicas confirmed (or the number asked when waiting is off); never throws for a short count. */
  async afterWrite(client: RedisClient, slotKey: string): Promise<number> {
    const wanted = this.config.redisWaitReplicas;
    if (wanted === 0) return 0;
    const timeout = this.config.redisWaitTimeoutMs;
    const tag = hashTagOf(slotKey);
    let connected = this.replicasOf.get(tag);
    if (connected === undefined) {
      connected = await this.connectedReplicas(client, slotKey);
      this.replicasOf.set(tag, connected);
    }
    const asked = Math.min(wanted, connected);
    let confirmed = 0;
    if (asked > 0) {
      confirmed = Number(await this.onSlotMaster(client, slotKey, (pipeline) => pipeline.wait(asked, timeout), () => client.wait(asked, timeout)));
    }
    if (confirmed < wanted) this.warnShort(confirmed, wanted, connected === 0 ? 'no replica is connected to its master' : `within ${timeout} ms`);
    return confirmed;
  }

  /** ROLE of the slot's master: its third element lists the connected replicas. */
  private async connectedReplicas(client: RedisClient, slotKey: string): Promise<number> {
    const role = (await this.onSlotMaster(client, slotKey, (pipeline) => pipeline.role(), () => client.role())) as unknown[];
    return role[0] === 'master' && Array.isArray(role[2]) ? role[2].length : 0;
  }

  /** A keyless command on the master of `slotKey`'s slot, over the connection that wrote there. */
  private async onSlotMaster<T>(
    client: RedisClient,
    slotKey: string,
    inPipeline: (pipeline: ReturnType<RedisClient['pipeline']>) => unknown,
    single: () => Promise<T>,
  ): Promise<unknown> {
    if (!isCluster(client)) return single();
    const pipeline = client.pipeline().exists(slotKey);
    inPipeline(pipeline);
    const results = (await pipeline.exec()) ?? [];
    const [error, value] = results[1] ?? [new Error('no answer'), null];
    if (error) throw error;
    return value;
  }

  /** One line per 10 s however many writes fall short. */
  private warnShort(confirmed: number, wanted: number, why: string): void {
    this.shortSinceWarned += 1;
    const now = Date.now();
    if (now - this.lastWarnedAt < 10_000) return;
    this.logger.warn(
      `${this.shortSinceWarned} write(s) confirmed by ${confirmed} of ${wanted} replica(s) (${why}): they stand on the master alone (its append-only file) until a replica has them, and a failover meanwhile would lose them`,
    );
    this.lastWarnedAt = now;
    this.shortSinceWarned = 0;
  }
}

/** The part of a key that decides its cluster slot: the first `{…}` with something inside, else the key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}
