import { ConsentErasureRepository, ConsentStateRepository } from '@optout/database';
import { ConsentApplier, decisionOfText } from '@optout/consent';
import { GateCache, SendGateService } from '@optout/gate';
import { BlocklistModule } from '../../apps/blocklist/src/blocklist.module';
import { TestAppContext } from '../support/app-context';
import { classifiedMessage } from '../support/classified-message';
import { suiteFixture } from '../support/suite-fixture';

/**
 * The send gate's guarantee: once an opt-out has been applied, no interleaving of a
 * read-through fill and the opt-out's own cache write leaves `allowed: true` in the cache.
 * The reader's Postgres read is real; only the moment its fill happens is held back, so
 * that every order of (reader fill) against (writer commit, writer cache write) is forced.
 */
describe('send gate consistency under forced interleavings', () => {
  const suite = suiteFixture(async (stopLater) => {
    const system = stopLater(await TestAppContext.start([BlocklistModule]));
    return { system, applier: system.get(ConsentApplier), cache: system.get(GateCache), states: system.get(ConsentStateRepository), accountId: await system.createAccount() };
  });
  let sequence = 0;

  const decision = (phone: string, kind: 'optOut' | 'optIn', receivedAt: Date) =>
    classifiedMessage({
      accountId: suite.accountId,
      messageId: `m-${++sequence}`,
      from: phone,
      kind,
      keyword: kind === 'optOut' ? 'STOP' : 'START',
      country: null,
      reply: null,
      receivedAt: receivedAt.toISOString(),
      correlationId: `c-${sequence}`,
    });

  /** A reader whose fill waits for `release` after its (real) Postgres read has returned. */
  function heldReader(release: Promise<void>, readDone: () => void): SendGateService {
    const heldStates = {
      findMany: async (account: string, phones: string[]) => {
        const rows = await suite.states.findMany(account, phones);
        readDone();
        await release;
        return rows;
      },
    } as unknown as ConsentStateRepository;
    return new SendGateService(suite.cache, heldStates, suite.system.get(ConsentErasureRepository));
  }

  /** Holds the blocklist worker's cache write (after its commit) until `release`. */
  function holdWriterCacheWrite(release: Promise<void>): () => void {
    const original = suite.cache.writeIfNewer.bind(suite.cache);
    const spy = jest.spyOn(suite.cache, 'writeIfNewer').mockImplementation(async (...args) => {
      await release;
      return original(...args);
    });
    return () => spy.mockRestore();
  }

  function latch(): { promise: Promise<void>; open: () => void } {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  }

  const orders = ['fill before commit', 'fill between commit and cache write', 'fill after cache write'] as const;

  it.each(orders)('leaves the opt-out in the cache when the stale reader\'s %s', async (order) => {
    const phone = `+1404555${String(1000 + sequence)}`;
    const readerRelease = latch();
    const readerRead = latch();
    const writerRelease = latch();
    const restore = holdWriterCacheWrite(writerRelease.promise);
    try {
      // The reader reads Postgres before the opt-out commits: it sees "unknown".
      const reading = heldReader(readerRelease.promise, readerRead.open).check(suite.accountId, phone);
      await readerRead.promise;
      if (order === 'fill before commit') {
        readerRelease.open();
        expect((await reading).allowed).toBe(true);
      }
      const applying = suite.applier.applyDecision(decisionOfText(decision(phone, 'optOut', new Date())));
      await waitForCommit(phone);
      if (order === 'fill between commit and cache write') {
        readerRelease.open();
        await reading;
      }
      writerRelease.open();
      await applying;
      if (order === 'fill after cache write') {
        readerRelease.open();
        await reading;
      }
    } finally {
      restore();
    }
    expect(await suite.cache.get(suite.accountId, phone)).toMatchObject({ status: 'opted_out' });
    expect((await suite.system.get(SendGateService).check(suite.accountId, phone)).allowed).toBe(false);
  });

  it('holds under 300 random interleavings of reads, opt-outs and earlier opt-ins', async () => {
    const random = seeded(20261126);
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const phone = `+1505555${String(1000 + i)}`;
      const base = Date.parse('2026-11-26T10:00:00Z') + i * 1000;
      if (random() < 0.5) await suite.applier.applyDecision(decisionOfText(decision(phone, 'optIn', new Date(base))));
      await suite.cache.delete(suite.accountId, phone);
      const readerRelease = latch();
      const writerRelease = latch();
      const restore = holdWriterCacheWrite(writerRelease.promise);
      const readers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => heldReader(readerRelease.promise, () => undefined).check(suite.accountId, phone));
      const applying = suite.applier.applyDecision(decisionOfText(decision(phone, 'optOut', new Date(base + 500))));
      const releases = [() => readerRelease.open(), () => writerRelease.open()];
      if (random() < 0.5) releases.reverse();
      for (const release of releases) {
        await delay(Math.floor(random() * 4));
        release();
      }
      await Promise.all([applying, ...readers]);
      restore();
      const cached = await suite.cache.get(suite.accountId, phone);
      if (cached?.status !== 'opted_out') failures.push(`${phone}: cache says ${cached?.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the newer decision when two writers finish out of order', async () => {
    const phone = '+16065551000';
    const writerRelease = latch();
    const newer = suite.applier.applyDecision(decisionOfText(decision(phone, 'optIn', new Date('2026-11-26T10:00:02Z'))));
    await newer;
    const restore = holdWriterCacheWrite(writerRelease.promise);
    const older = suite.applier.applyDecision(decisionOfText(decision(phone, 'optOut', new Date('2026-11-26T10:00:01Z'))));
    writerRelease.open();
    await older;
    restore();
    expect(await suite.cache.get(suite.accountId, phone)).toMatchObject({ status: 'opted_in' });
    expect((await suite.states.find(suite.accountId, phone))?.status).toBe('opted_in');
  });

  async function waitForCommit(phone: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if ((await suite.states.find(suite.accountId, phone))?.status === 'opted_out') return;
      await delay(2);
    }
    throw new Error(`the opt-out of ${phone} never committed`);
  }
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small deterministic generator, so that a failing interleaving can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
