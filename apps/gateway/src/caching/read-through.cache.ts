import { LRUCache } from 'lru-cache';
import { isDatabaseUnavailable } from '@optout/database';

export interface ReadThroughCacheOptions<V> {
  /** How long a value is served without asking again. */
  ttlMs: (value: V) => number;
  /**
   * How long past its expiry a value is still served while the database cannot be reached.
   * Nothing can change a key or an account during an outage (their changes go through the
   * database too), so the last answer is the best one there is.
   */
  staleIfErrorMs: number;
  /** Found values kept at most; the least recently used go first. */
  maxEntries: number;
  /**
   * "Not found" answers are kept apart, in an LRU of this size (default: maxEntries), so
   * that a flood of unknown keys or account ids evicts only other unknown ones, never a
   * caller in good standing. Answers for which `isNegative` is true go there.
   */
  maxNegativeEntries?: number;
  isNegative?: (value: V) => boolean;
}

/**
 * How long past its expiry a row is served while Postgres is unreachable: the hot paths
 * (ingestion, the gate, carrier webhooks) outlive an hour's outage for callers seen before it.
 */
export const ROW_STALE_IF_ERROR_MS = 3_600_000;

interface Entry<V> {
  value: V;
  freshUntil: number;
}

/**
 * The gateway's read-through caches of slow-changing rows (API keys, accounts): a hot-path
 * request costs no query, an unknown key or account asked again costs none either (negative
 * caching), and a Postgres outage does not stop ingestion or the send gate for callers seen
 * in the last `staleIfErrorMs`. Both stores are lru-cache LRUs: when full, the least recently
 * used entry goes, not everything.
 */
export class ReadThroughCache<V> {
  private readonly found: LRUCache<string, Entry<V>>;
  private readonly missing: LRUCache<string, Entry<V>>;
  /** Bumped by every `delete`/`clear`: a read that began before it must not store what it read. */
  private generation = 0;
  /** Reads in flight, by key, with the generation they began in. */
  private readonly loading = new Map<string, { value: Promise<V>; generation: number }>();

  /**
   * The gateway's one policy for rows read by id (an account, an API key, a carrier's
   * credentials): `null` (no such row) kept apart from found rows, and served for
   * ROW_STALE_IF_ERROR_MS through an outage. `ttlMs` as a number holds for both.
   */
  static ofRows<Row>(options: {
    ttlMs: number | ((row: Row | null) => number);
    maxEntries: number;
    maxNegativeEntries?: number;
  }): ReadThroughCache<Row | null> {
    const { ttlMs } = options;
    return new ReadThroughCache<Row | null>({
      ttlMs: typeof ttlMs === 'number' ? () => ttlMs : ttlMs,
      staleIfErrorMs: ROW_STALE_IF_ERROR_MS,
      maxEntries: options.maxEntries,
      maxNegativeEntries: options.maxNegativeEntries,
      isNegative: (row) => row === null,
    });
  }

  constructor(private readonly options: ReadThroughCacheOptions<V>) {
    this.found = new LRUCache<string, Entry<V>>({ max: options.maxEntries });
    this.missing = new LRUCache<string, Entry<V>>({ max: options.maxNegativeEntries ?? options.maxEntries });
  }

  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const cached = this.peek(key);
    if (cached && cached.freshUntil > now) return cached.value;
    // One read per key at a time: when an entry expires under load, the hundred requests
    // in flight for it share one query instead of sending a hundred at once (a stall every
    // 30 s in the sustained-load profile). A read begun before a delete/clear is not joined.
    const pending = this.loading.get(key);
    if (pending && pending.generation === this.generation) return pending.value;
    const value = this.refresh(key, load, now);
    const entry = { value, generation: this.generation };
    this.loading.set(key, entry);
    const forget = () => {
      if (this.loading.get(key) === entry) this.loading.delete(key);
    };
    value.then(forget, forget);
    return value;
  }

  /** Reads the value again now, fresh or not (the caller knows it may have changed); an outage still falls back to it. */
  async refresh(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const cached = this.peek(key);
    const generation = this.generation;
    try {
      const value = await load();
      if (generation === this.generation) this.store(key, { value, freshUntil: now + this.options.ttlMs(value) });
      return value;
    } catch (error) {
      if (cached && isDatabaseUnavailable(error) && now < cached.freshUntil + this.options.staleIfErrorMs) return cached.value;
      throw error;
    }
  }

  /** Forgets one key at once (a revoked API key), including what a read in flight would store. */
  delete(key: string): void {
    this.generation++;
    this.found.delete(key);
    this.missing.delete(key);
  }

  /** Forgets everything (an invalidation channel that was down may have missed a message). */
  clear(): void {
    this.generation++;
    this.found.clear();
    this.missing.clear();
  }

  get size(): { found: number; missing: number } {
    return { found: this.found.size, missing: this.missing.size };
  }

  private peek(key: string): Entry<V> | undefined {
    return this.found.get(key) ?? this.missing.get(key);
  }

  private store(key: string, entry: Entry<V>): void {
    const negative = this.options.isNegative?.(entry.value) ?? false;
    (negative ? this.found : this.missing).delete(key);
    // lru-cache's own TTL (real time) only frees memory once even the stale window is over;
    // freshness is decided above with the caller's clock.
    (negative ? this.missing : this.found).set(key, entry, { ttl: Math.max(1, this.options.ttlMs(entry.value) + this.options.staleIfErrorMs) });
  }
}
