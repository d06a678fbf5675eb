import { ReadThroughCache } from './read-through.cache';

const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('ReadThroughCache', () => {
  // The gateway's policy for rows (ofRows): "not found" apart, served an hour through an outage.
  const cache = (maxNegativeEntries?: number) => ReadThroughCache.ofRows<string>({ ttlMs: (value) => (value ? 30_000 : 5_000), maxEntries: 2, maxNegativeEntries });

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

  const counting = () => {
    const asked: string[] = [];
    return { asked, load: (key: string, value: string | null) => async () => (asked.push(key), value) };
  };

  it('keeps at most maxEntries, dropping the least recently used one, not everything', async () => {
    const keys = cache();
    const { asked, load } = counting();
    await keys.get('a', load('a', 'a'), 0);
    await keys.get('b', load('b', 'b'), 0);
    await keys.get('a', load('a', 'a'), 1); // a is now the most recently used
    await keys.get('c', load('c', 'c'), 2); // full: b goes
    await keys.get('a', load('a', 'a'), 3);
    await keys.get('c', load('c', 'c'), 3);
    expect(asked).toEqual(['a', 'b', 'c']);
    await keys.get('b', load('b', 'b'), 4);
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });

  it('remembers "not found" apart, so a flood of unknown keys costs one read each and evicts no good key', async () => {
    const keys = cache(3);
    const { asked, load } = counting();
    await keys.get('good', load('good', 'account-1'), 0);
    for (let i = 0; i < 100; i++) await keys.get(`unknown-${i}`, load(`unknown-${i}`, null), 0);
    expect(await keys.get('unknown-99', load('unknown-99', null), 1)).toBeNull();
    expect(await keys.get('good', load('good', 'account-1'), 1)).toBe('account-1');
    expect(asked.filter((key) => key === 'good')).toHaveLength(1);
    expect(asked.filter((key) => key === 'unknown-99')).toHaveLength(1);
    expect(keys.size).toEqual({ found: 1, missing: 3 });
    // A "not found" is asked again once its shorter time is over.
    await keys.get('unknown-99', load('unknown-99', null), 5_001);
    expect(asked.filter((key) => key === 'unknown-99')).toHaveLength(2);
  });

  it('forgets a deleted key at once, and a read in flight when it was deleted does not put it back', async () => {
    const keys = cache();
    await keys.get('k', async () => 'valid', 0);
    let finish: (value: string) => void = () => undefined;
    const inFlight = keys.refresh('k', () => new Promise<string>((resolve) => (finish = resolve)), 1);
    keys.delete('k');
    finish('valid');
    expect(await inFlight).toBe('valid');
    const { asked, load } = counting();
    expect(await keys.get('k', load('k', null), 2)).toBeNull();
    expect(asked).toEqual(['k']);
  });

  it('sends one read for many concurrent requests of an expired key, and none joins a read begun before a delete', async () => {
    const keys = cache();
    let reads = 0;
    let finish: (value: string) => void = () => undefined;
    const slow = () => {
      reads++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const waiting = Array.from({ length: 100 }, () => keys.get('k', slow, 0));
    expect(reads).toBe(1);
    finish('a');
    expect(await Promise.all(waiting)).toEqual(waiting.map(() => 'a'));

    const before = keys.get('j', slow, 0);
    keys.delete('j');
    const after = keys.get('j', slow, 0);
    expect(reads).toBe(3);
    finish('fresh');
    expect(await after).toBe('fresh');
    void before;
  });
});
