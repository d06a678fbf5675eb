import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, keyPrefixOf } from '@optout/config';
import type { ConsentStatus } from '@optout/contracts';
import { RedisClient, ReplicaWait } from '@optout/queue';
import { GateEntry } from './gate-entry';
import { gateKey } from './gate-keys';
import { FILL_IF_ABSENT } from './scripts/fill-if-absent.lua';
import { READ_MANY } from './scripts/read-many.lua';
import { WRITE_IF_NEWER } from './scripts/write-if-newer.lua';
import { WRITE_MANY_IF_NEWER } from './scripts/write-many-if-newer.lua';
import { GATE_REDIS } from './gate.tokens';

/** A day: entries are rewritten on every change, so the TTL only bounds memory for idle numbers. */
const ENTRY_TTL_MS = 24 * 3600 * 1000;

type GateRedis = RedisClient & {
  gateFillIfAbsent(key: string, ...args: string[]): Promise<number>;
  gateWriteIfNewer(key: string, ...args: string[]): Promise<number>;
  gateWriteManyIfNewer(numberOfKeys: number, ...keysAndArgs: string[]): Promise<number>;
  gateReadMany(numberOfKeys: number, ...keys: string[]): Promise<Array<string | null>>;
};

/** Keys per WRITE_MANY_IF_NEWER call: a few milliseconds of Redis time, well inside the gate connection's timeout. */
const WRITE_MANY_CHUNK = 500;

/** The Redis side of the send gate. Every method throws when Redis does not answer; callers decide. */
@Injectable()
export class GateCache {
  private readonly redis: GateRedis;
  private readonly keyPrefix: string;
  private readonly replicaWait: ReplicaWait;

  constructor(@Inject(GATE_REDIS) redis: RedisClient, @Inject(APP_CONFIG) config: AppConfig) {
    this.keyPrefix = keyPrefixOf(config);
    this.replicaWait = new ReplicaWait(config);
    redis.defineCommand('gateFillIfAbsent', { numberOfKeys: 1, lua: FILL_IF_ABSENT });
    redis.defineCommand('gateWriteIfNewer', { numberOfKeys: 1, lua: WRITE_IF_NEWER });
    // No fixed key count: each call says how many keys it carries.
    redis.defineCommand('gateWriteManyIfNewer', { lua: WRITE_MANY_IF_NEWER });
    redis.defineCommand('gateReadMany', { lua: READ_MANY });
    this.redis = redis as GateRedis;
  }

  async get(accountId: string, phone: string): Promise<GateEntry | null> {
    return parseEntry(await this.redis.hgetall(gateKey(this.keyPrefix, accountId, phone)));
  }

  /**
   * One round trip and one command for the whole list (a script reading every entry). A single
   * number is a plain HGETALL, which the client's auto-pipelining merges with other requests'
   * lookups; an explicit pipeline or a script call would not be.
   */
  async getMany(accountId: string, phones: string[]): Promise<Array<GateEntry | null>> {
    if (phones.length === 0) return [];
    if (phones.length === 1) return [await this.get(accountId, phones[0])];
    const keys = phones.map((phone) => gateKey(this.keyPrefix, accountId, phone));
    const values = await this.redis.gateReadMany(keys.length, ...keys);
    const entries: Array<GateEntry | null> = new Array(phones.length);
    for (let i = 0; i < phones.length; i++) entries[i] = entryOfFields(values, i * 5);
    return entries;
  }

  async fillIfAbsent(accountId: string, phone: string, entry: GateEntry): Promise<boolean> {
    return (await this.redis.gateFillIfAbsent(gateKey(this.keyPrefix, accountId, phone), ...argsOf(entry))) === 1;
  }

  /** Fills every given entry that is still absent, in one round trip. */
  async fillManyIfAbsent(accountId: string, entries: Map<string, GateEntry>): Promise<void> {
    const pipeline = this.redis.pipeline() as unknown as { gateFillIfAbsent(key: string, ...args: string[]): void; exec(): Promise<unknown> };
    for (const [phone, entry] of entries) pipeline.gateFillIfAbsent(gateKey(this.keyPrefix, accountId, phone), ...argsOf(entry));
    await pipeline.exec();
  }

  /** Forgets one entry (the next read fills it from Postgres). */
  async delete(accountId: string, phone: string): Promise<void> {
    await this.redis.del(gateKey(this.keyPrefix, accountId, phone));
  }

  /**
   * The blocklist worker's write after its commit. On a cluster it then waits for the master's
   * replica (REDIS_WAIT_REPLICAS): a failover that rolled this write back could leave an older
   * entry — `allowed: true` — for a number that has just opted out.
   */
  async writeIfNewer(accountId: string, phone: string, entry: GateEntry): Promise<boolean> {
    const key = gateKey(this.keyPrefix, accountId, phone);
    const written = (await this.redis.gateWriteIfNewer(key, ...argsOf(entry))) === 1;
    await this.replicaWait.afterWrite(this.redis, key);
    return written;
  }

  /** `writeIfNewer` for many numbers of one account (an import batch), a few hundred per script call. Throws if any call failed. */
  async writeManyIfNewer(accountId: string, entries: Map<string, GateEntry>): Promise<void> {
    const all = [...entries];
    for (let start = 0; start < all.length; start += WRITE_MANY_CHUNK) {
      const chunk = all.slice(start, start + WRITE_MANY_CHUNK);
      const keys = chunk.map(([phone]) => gateKey(this.keyPrefix, accountId, phone));
      const args = chunk.flatMap(([, entry]) => argsOf(entry).slice(0, 5));
      await this.redis.gateWriteManyIfNewer(keys.length, ...keys, ...args, String(ENTRY_TTL_MS));
      await this.replicaWait.afterWrite(this.redis, keys[0]);
    }
  }
}

function argsOf(entry: GateEntry): string[] {
  return [entry.status, entry.since ?? '', entry.keyword ?? '', String(entry.versionMs), entry.versionId, String(ENTRY_TTL_MS)];
}

/** The entry at `at` in READ_MANY's flat reply (status, since, keyword, versionMs, versionId), or null when absent. */
function entryOfFields(values: Array<string | null>, at: number): GateEntry | null {
  const status = values[at];
  if (status === null || status === undefined) return null;
  return {
    status: status as ConsentStatus,
    since: values[at + 1] || null,
    keyword: values[at + 2] || null,
    versionMs: Number(values[at + 3]),
    versionId: values[at + 4] ?? '',
  };
}

function parseEntry(hash: Record<string, string> | null): GateEntry | null {
  if (!hash || hash.s === undefined) return null;
  return {
    status: hash.s as ConsentStatus,
    since: hash.since || null,
    keyword: hash.kw || null,
    versionMs: Number(hash.vts),
    versionId: hash.vid ?? '',
  };
}
