import IORedis from 'ioredis';
import { DEFAULT_PROFILE } from '@optout/compliance';
import { ComplianceProfileRepository } from '@optout/database';
import { CompiledProfileCache, PROFILE_CHANGES_REDIS, ProfileChangePublisher, ProfilesModule } from '@optout/profiles';
import { TestAppContext } from '../support/app-context';
import { TEST_REDIS_URL } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { suiteFixture } from '../support/suite-fixture';

/**
 * The compiled-profile cache and its change channel on the real Redis and Postgres: an
 * announced version is picked up at once; while the channel is down the cache polls Postgres
 * every second; when the channel comes back every entry is dropped (announcements may have
 * been missed meanwhile).
 */
describe('the compiled-profile cache and its change channel', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await TestAppContext.start([ProfilesModule]));
    const admin = new IORedis(TEST_REDIS_URL);
    stopLater({ stop: async () => admin.disconnect() });
    const cache = system.get(CompiledProfileCache);
    const accountId = await system.createAccount();
    await waitFor('the cache to be subscribed', () => (cache.isPushActive ? true : undefined));
    return { system, cache, subscriber: system.get<IORedis>(PROFILE_CHANGES_REDIS as never), admin, accountId };
  });

  const save = (...extraOptOut: string[]) =>
    suite.system.get(ComplianceProfileRepository).saveNextVersion(suite.accountId, {
      ...DEFAULT_PROFILE,
      optOut: { ...DEFAULT_PROFILE.optOut, keywords: [...DEFAULT_PROFILE.optOut.keywords, ...extraOptOut] },
    });
  const versionSeen = async () => (await suite.cache.forAccount(suite.accountId)).version;

  it('keeps serving its compiled copy until a change is announced, then reads the new version', async () => {
    expect(await versionSeen()).toBe(0);
    const { version } = await save('PAUSE'); // stored, not announced
    expect(await versionSeen()).toBe(0); // trusted for PROFILE_RECHECK_MS (30 s) while pushes flow
    const started = Date.now();
    expect(await suite.system.get(ProfileChangePublisher).publish({ accountId: suite.accountId, version })).toBeGreaterThanOrEqual(1);
    await waitFor('the announced version', async () => ((await versionSeen()) === version ? true : undefined), { timeoutMs: 1_000, intervalMs: 5 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('polls Postgres every second while the channel is down', async () => {
    suite.subscriber.disconnect(); // no reconnection: the channel stays down
    await waitFor('the cache to notice', () => (suite.cache.isPushActive ? undefined : true));
    const before = await versionSeen();
    const { version } = await save('PAUSE', 'HALT'); // never announced
    const started = Date.now();
    await waitFor('the unannounced version', async () => ((await versionSeen()) === version ? true : undefined), { timeoutMs: 2_500, intervalMs: 50 });
    expect(version).toBe(before + 1);
    // Within the 1 s freshness (plus the polling step and a slow machine's scheduling).
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('drops every compiled profile when the channel comes back', async () => {
    await versionSeen();
    expect(suite.cache.size).toBeGreaterThan(0);
    await suite.subscriber.connect();
    await waitFor('the channel to be back and the cache emptied', () => (suite.cache.isPushActive && suite.cache.size === 0 ? true : undefined), { timeoutMs: 5_000 });
  });

  it('resubscribes by itself after Redis drops the connection', async () => {
    await versionSeen();
    const { localAddress, localPort } = (suite.subscriber as unknown as { stream: { localAddress: string; localPort: number } }).stream;
    const address = `${localAddress}:${localPort}`; // the subscriber as Redis sees it
    expect(await suite.admin.client('KILL', 'ADDR', address)).toBe(1); // one connection killed
    await waitFor('the channel to be back and the cache emptied', () => (suite.cache.isPushActive && suite.cache.size === 0 ? true : undefined), { timeoutMs: 10_000 });
    const { version } = await save('PAUSE', 'HALT', 'WAIT');
    await versionSeen(); // cache the version before the announcement
    await suite.system.get(ProfileChangePublisher).publish({ accountId: suite.accountId, version });
    await waitFor('the announced version', async () => ((await versionSeen()) === version ? true : undefined), { timeoutMs: 1_000 });
  });
});
