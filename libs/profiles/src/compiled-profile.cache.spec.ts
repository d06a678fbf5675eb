import { Logger } from '@nestjs/common';
import { DEFAULT_PROFILE, EffectiveProfile, classifyMessage } from '@optout/compliance';
import type { ComplianceProfileEntity } from '@optout/database';
import { CompiledProfileCache, MAX_CACHED_ACCOUNTS, UNPUSHED_RECHECK_MS } from './compiled-profile.cache';

const RECHECK_MS = 30_000;

/** A profile store that answers when the test says so, and counts the reads. */
class FakeProfiles {
  readonly versions = new Map<string, EffectiveProfile[]>();
  reads = 0;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  save(accountId: string, profile: EffectiveProfile): number {
    const list = this.versions.get(accountId) ?? [];
    list.push(profile);
    this.versions.set(accountId, list);
    return list.length;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  findLatest = async (accountId: string): Promise<ComplianceProfileEntity | null> => {
    this.reads += 1;
    const list = this.versions.get(accountId) ?? [];
    const latest = list.length === 0 ? null : { accountId, version: list.length, document: list[list.length - 1], createdAt: new Date(), apiKeyId: null };
    if (this.gate) await this.gate;
    return latest;
  };
}

const withOptOut = (...keywords: string[]): EffectiveProfile => ({
  ...DEFAULT_PROFILE,
  optOut: { ...DEFAULT_PROFILE.optOut, keywords: [...DEFAULT_PROFILE.optOut.keywords, ...keywords] },
  optIn: { ...DEFAULT_PROFILE.optIn },
  help: { ...DEFAULT_PROFILE.help },
  overrides: [],
});

describe('CompiledProfileCache', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let profiles: FakeProfiles;
  let cache: CompiledProfileCache;
  let now: number;

  beforeEach(() => {
    profiles = new FakeProfiles();
    cache = new CompiledProfileCache(profiles as never, { profileRecheckMs: RECHECK_MS });
    now = 1_000_000;
    cache.now = () => now;
    cache.setPushActive(true);
  });

  const kindOf = async (accountId: string, body: string) => classifyMessage(await cache.forAccount(accountId), { body, country: 'US' }).kind;

  it('classifies an account that never saved a profile with the defaults, as version 0', async () => {
    expect((await cache.forAccount('a')).version).toBe(0);
    expect(await kindOf('a', 'STOP')).toBe('optOut');
  });

  it('compiles a version once and serves it from memory while changes are pushed', async () => {
    profiles.save('a', withOptOut('HALT'));
    const first = await cache.forAccount('a');
    now += RECHECK_MS - 1;
    expect(await cache.forAccount('a')).toBe(first);
    expect(profiles.reads).toBe(1);
  });

  it('drops an entry on an announced change, so the next message reads the new version', async () => {
    expect(await kindOf('a', 'HALT')).toBeNull();
    const version = profiles.save('a', withOptOut('HALT'));
    cache.invalidate('a', version);
    expect(await kindOf('a', 'HALT')).toBe('optOut');
    expect((await cache.forAccount('a')).version).toBe(1);
  });

  it('keeps an entry that already holds the announced version (the saving process, a repeated announcement)', async () => {
    profiles.save('a', withOptOut('HALT'));
    const compiled = await cache.forAccount('a');
    cache.invalidate('a', 1);
    expect(await cache.forAccount('a')).toBe(compiled);
    expect(profiles.reads).toBe(1);
  });

  it('re-checks the version after PROFILE_RECHECK_MS: the net for a lost announcement', async () => {
    await cache.forAccount('a');
    profiles.save('a', withOptOut('HALT')); // saved, never announced
    now += RECHECK_MS - 1;
    expect(await kindOf('a', 'HALT')).toBeNull();
    now += 1;
    expect(await kindOf('a', 'HALT')).toBe('optOut');
  });

  it('re-checks every second while changes are not pushed, and reuses the compiled copy when nothing changed', async () => {
    cache.setPushActive(false);
    profiles.save('a', withOptOut('HALT'));
    const compiled = await cache.forAccount('a');
    now += UNPUSHED_RECHECK_MS - 1;
    await cache.forAccount('a');
    expect(profiles.reads).toBe(1);
    now += 1;
    expect(await cache.forAccount('a')).toBe(compiled);
    expect(profiles.reads).toBe(2);
    profiles.save('a', withOptOut('HALT', 'PAUSE'));
    now += UNPUSHED_RECHECK_MS;
    expect(await kindOf('a', 'PAUSE')).toBe('optOut');
  });

  it('drops every entry when the push channel comes back (announcements may have been missed)', async () => {
    await cache.forAccount('a');
    await cache.forAccount('b');
    cache.setPushActive(false);
    expect(cache.size).toBe(2);
    cache.setPushActive(true);
    expect(cache.size).toBe(0);
  });

  it('reads Postgres once for many concurrent messages of one account', async () => {
    profiles.hold();
    const all = Promise.all(Array.from({ length: 20 }, () => cache.forAccount('a')));
    profiles.release();
    await all;
    expect(profiles.reads).toBe(1);
  });

  it('does not keep a read that was in flight when a change was announced', async () => {
    profiles.hold();
    const inFlight = cache.forAccount('a'); // reads "no profile" before the save below
    await Promise.resolve();
    const version = profiles.save('a', withOptOut('HALT'));
    cache.invalidate('a', version);
    const afterAnnouncement = cache.forAccount('a'); // must not join the stale read
    profiles.release();
    expect((await inFlight).version).toBe(0);
    expect((await afterAnnouncement).version).toBe(1);
    expect((await cache.forAccount('a')).version).toBe(1);
  });

  it('always reads the latest version when asked to verify (the dry run), compiling only a new one', async () => {
    profiles.save('a', withOptOut('HALT'));
    const compiled = await cache.forAccount('a');
    expect(await cache.forAccount('a', { verify: true })).toBe(compiled);
    profiles.save('a', withOptOut('HALT', 'PAUSE')); // not announced
    expect((await cache.forAccount('a', { verify: true })).version).toBe(2);
    expect(profiles.reads).toBe(3);
  });

  it(`keeps at most ${MAX_CACHED_ACCOUNTS} accounts, dropping the least recently read`, async () => {
    for (let i = 0; i <= MAX_CACHED_ACCOUNTS; i += 1) await cache.forAccount(`account-${i}`);
    expect(cache.size).toBe(MAX_CACHED_ACCOUNTS);
    const reads = profiles.reads;
    await cache.forAccount(`account-${MAX_CACHED_ACCOUNTS}`);
    expect(profiles.reads).toBe(reads);
    await cache.forAccount('account-0');
    expect(profiles.reads).toBe(reads + 1);
  });
});
