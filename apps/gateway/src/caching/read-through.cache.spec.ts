import { ReadThroughCache } from './read-through.cache';

const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('ReadThroughCache', () => {
  const cache = () => new ReadThroughCache<string | null>({ ttlMs: (value) => (value ? 30_000 : 5_000), staleIfErrorMs: 3_600_000, maxEntries: 2 });

  it('asks once while a value is fresh, again once it expired', async () => {
    const reads: string[] = [];
    const read = (value: string) => async () => (reads.push(value), value);
    const keys = cache();
    expect(await keys.get('k', read('a'), 0)).toBe('a');
    expect(await keys.get('k', read('b'), 29_999)).toBe('a');
    expect(await keys.get('k', read('c'), 30_000)).toBe('c');
    expect(reads).toEqual(['a', 'c']);
  });

  it('serves the expired value while the database is unreachable, up to the bound', async () => {
    const keys = cache();
    await keys.get('k', async () => 'a', 0);
    expect(await keys.get('k', () => Promise.reject(outage()), 60_000)).toBe('a');
    await expect(keys.get('k', () => Promise.reject(outage()), 30_000 + 3_600_000)).rejects.toThrow('ECONNREFUSED');
  });

  it('passes on an outage for a key it never saw, and any other error at once', async () => {
    const keys = cache();
    await expect(keys.get('new', () => Promise.reject(outage()), 0)).rejects.toThrow('ECONNREFUSED');
    await keys.get('k', async () => 'a', 0);
    await expect(keys.get('k', () => Promise.reject(new Error('relation "accounts" does not exist')), 60_000)).rejects.toThrow('does not exist');
  });

  it('reads again on refresh even while fresh, and still falls back on an outage', async () => {
    const keys = cache();
    await keys.get('k', async () => 'old', 0);
    expect(await keys.refresh('k', async () => 'new', 1)).toBe('new');
    expect(await keys.get('k', async () => 'unused', 2)).toBe('new');
    expect(await keys.refresh('k', () => Promise.reject(outage()), 3)).toBe('new');
  });

  it('keeps at most maxEntries, starting over when full', async () => {
    const keys = cache();
    await keys.get('a', async () => 'a', 0);
    await keys.get('b', async () => 'b', 0);
    await keys.get('c', async () => 'c', 0);
    let asked = false;
    expect(await keys.get('a', async () => ((asked = true), 'a2'), 1)).toBe('a2');
    expect(asked).toBe(true);
  });
});
