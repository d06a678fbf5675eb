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
  maxEntries: number;
}

interface Entry<V> {
  value: V;
  freshUntil: number;
}

/**
 * The gateway's read-through caches of slow-changing rows (API keys, accounts): a hot-path
 * request costs no query, and a Postgres outage does not stop ingestion or the send gate for
 * callers seen in the last `staleIfErrorMs`.
 */
export class ReadThroughCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly options: ReadThroughCacheOptions<V>) {}

  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.freshUntil > now) return cached.value;
    return this.refresh(key, load, now);
  }

  /** Reads the value again now, fresh or not (the caller knows it may have changed); an outage still falls back to it. */
  async refresh(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const cached = this.entries.get(key);
    try {
      const value = await load();
      // Full: start over rather than track recency; refilling costs one query per key.
      if (!cached && this.entries.size >= this.options.maxEntries) this.entries.clear();
      this.entries.set(key, { value, freshUntil: now + this.options.ttlMs(value) });
      return value;
    } catch (error) {
      if (cached && isDatabaseUnavailable(error) && now < cached.freshUntil + this.options.staleIfErrorMs) return cached.value;
      throw error;
    }
  }
}
