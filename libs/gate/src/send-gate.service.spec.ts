import { gateCacheFillFailuresTotal } from '@optout/observability';
import type { ConsentErasureRepository, ConsentStateEntity, ConsentStateRepository, Suppression } from '@optout/database';
import type { GateCache } from './gate-cache.service';
import { newerEntry } from './gate-entry';
import { SendGateService } from './send-gate.service';

describe('SendGateService with erased numbers', () => {
  const suppression = (versionAt: string): Suppression => ({
    phoneHash: 'h1:x',
    since: new Date('2026-11-20T10:00:00.000Z'),
    keyword: 'STOP',
    versionAt: new Date(versionAt),
    versionId: 'erasure:1',
    erasedAt: new Date(versionAt),
  });
  const state = (status: 'opted_out' | 'opted_in', since: string): ConsentStateEntity =>
    ({ accountId: 'a', phone: '+12025550100', status, since: new Date(since), sourceMessageId: 'm1', keyword: 'START', eventId: 'e', updatedAt: new Date() }) as ConsentStateEntity;

  /** A gate whose cache misses every time; Postgres answers with the given rows. */
  function gateWith(states: ConsentStateEntity[], suppressions: Map<string, Suppression>, fill: () => Promise<void> = async () => undefined): SendGateService {
    const cache = { get: async () => null, getMany: async (_: string, phones: string[]) => phones.map(() => null), fillManyIfAbsent: fill } as unknown as GateCache;
    const stateRepository = { findMany: async () => states } as unknown as ConsentStateRepository;
    const erasure = { findMany: async () => suppressions } as unknown as ConsentErasureRepository;
    return new SendGateService(cache, stateRepository, erasure);
  }

  it('answers opted_out for an erased number found only by its hash', async () => {
    const gate = gateWith([], new Map([['+12025550100', suppression('2026-11-26T00:00:00.000Z')]]));
    expect(await gate.check('a', '+12025550100')).toEqual({ phone: '+12025550100', allowed: false, status: 'opted_out', since: '2026-11-20T10:00:00.000Z', keyword: 'STOP' });
  });

  it('answers the newer of the plain state and the suppression', async () => {
    const later = gateWith([state('opted_in', '2026-11-27T00:00:00.000Z')], new Map([['+12025550100', suppression('2026-11-26T00:00:00.000Z')]]));
    expect(await later.check('a', '+12025550100')).toMatchObject({ allowed: true, status: 'opted_in' });
    const earlier = gateWith([state('opted_in', '2026-11-25T00:00:00.000Z')], new Map([['+12025550100', suppression('2026-11-26T00:00:00.000Z')]]));
    expect(await earlier.check('a', '+12025550100')).toMatchObject({ allowed: false, status: 'opted_out' });
  });

  it('answers a plain state when the number has no suppression', async () => {
    expect(await gateWith([state('opted_in', '2026-11-25T00:00:00.000Z')], new Map()).check('a', '+12025550100')).toMatchObject({ allowed: true });
  });

  it('answers from Postgres when the cache fill fails, and counts the failure', async () => {
    const before = (await gateCacheFillFailuresTotal.get()).values[0]?.value ?? 0;
    const gate = gateWith([state('opted_out', '2026-11-25T00:00:00.000Z')], new Map(), async () => {
      throw new Error('Redis went away');
    });
    expect(await gate.check('a', '+12025550100')).toMatchObject({ allowed: false, status: 'opted_out' });
    expect((await gateCacheFillFailuresTotal.get()).values[0]?.value).toBe(before + 1);
  });

  it('orders entries by (version time, version id), as Postgres orders decisions', () => {
    const a = { status: 'opted_out' as const, since: null, keyword: null, versionMs: 2, versionId: 'a' };
    const b = { ...a, status: 'opted_in' as const, versionId: 'b' };
    expect(newerEntry(a, b)).toBe(b);
    expect(newerEntry({ ...a, versionMs: 3 }, b).status).toBe('opted_out');
  });
});
