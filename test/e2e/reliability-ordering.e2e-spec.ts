import fc from 'fast-check';
import IORedis from 'ioredis';
import { GateCache, GateEntry } from '@optout/gate';
import { OwnRedis } from '../support/own-redis';
import { RunningSystem } from '../support/running-system';
import { testConfig } from '../support/test-config';
import { TestDatabaseOptions } from '../support/test-database';
import { compileLocale, TestLocale } from '../support/test-locale';
import { askGate } from '../support/gate';

/**
 * Ordering and idempotency as properties, through the real pipeline (gateway → classifier →
 * blocklist, in-process, real Redis and Postgres): any sequence of STOP/START/HELP from one
 * subscriber, with any receivedAt, delivered in any order, any number of times, some at once,
 * ends in the state of the latest STOP or START by receivedAt — ties broken by message id in
 * byte order — in Postgres and in the send gate alike; each message is in the ledger once.
 */
type Keyword = 'STOP' | 'START' | 'HELP';
interface Sent {
  id: string;
  body: Keyword;
  receivedAt: string;
}

const BASE_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

/** 1–6 messages with distinct ids; receivedAt within 4 seconds of each other, so ties are common. */
const messagesArb = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.constantFrom<Keyword>('STOP', 'START', 'HELP'), { minLength: ids.length, maxLength: ids.length }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, bodies, seconds]) => ids.map((id, i): Sent => ({ id, body: bodies[i], receivedAt: new Date(BASE_MS + seconds[i] * 1000).toISOString() })));

/** Every message at least once, some up to three times, in a random order, cut into waves sent concurrently. */
const scenarioArb = messagesArb.chain((messages) =>
  fc
    .array(fc.nat({ max: messages.length - 1 }), { maxLength: messages.length * 2 })
    .chain((extra) => {
      const deliveries = [...messages.keys(), ...extra];
      return fc.tuple(
        fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length }),
        fc.array(fc.boolean(), { minLength: deliveries.length, maxLength: deliveries.length }),
      );
    })
    .map(([order, cuts]) => {
      const waves: Sent[][] = [];
      order.forEach((index, i) => {
        if (i === 0 || cuts[i]) waves.push([]);
        waves[waves.length - 1].push(messages[index]);
      });
      return { messages, waves };
    }),
);

/** The decision the state must hold: latest STOP/START by (receivedAt, message id in byte order). */
function expectedState(messages: Sent[]): { status: 'opted_out' | 'opted_in'; id: string } | null {
  const decisions = messages.filter((message) => message.body !== 'HELP');
  if (decisions.length === 0) return null;
  const latest = decisions.reduce((a, b) => (compareVersion(a, b) >= 0 ? a : b));
  return { status: latest.body === 'STOP' ? 'opted_out' : 'opted_in', id: latest.id };
}

function compareVersion(a: Sent, b: Sent): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}

function describeOrdering(title: string, databaseOptions: TestDatabaseOptions, numRuns: number): void {
  describe(title, () => {
    let system: RunningSystem;
    let account: { id: string; apiKey: string };
    let run = 0;

    beforeAll(async () => {
      system = await RunningSystem.start({}, databaseOptions);
      account = await system.createAccount('Ordering');
    });

    afterAll(() => system?.stop(), 120_000);

    const send = (phone: string, message: Sent) =>
      system.request('POST', '/v1/inbound', {
        token: account.apiKey,
        json: { accountId: account.id, messageId: message.id, from: phone, to: '+12025550100', body: message.body, receivedAt: message.receivedAt },
      });

    const outcomeFor = async (phone: string) => {
      const [state] = await system.sql<{ status: string; source_message_id: string }>(
        'SELECT status, source_message_id FROM consent_states WHERE account_id = $1 AND phone = $2',
        [account.id, phone],
      );
      const ledger = await system.sql<{ source_message_id: string }>('SELECT source_message_id FROM consent_events WHERE account_id = $1 AND phone = $2', [
        account.id,
        phone,
      ]);
      const gate = await askGate(system, account, phone);
      return { state, ledger: ledger.map((row) => row.source_message_id).sort(), gate: gate.body };
    };

    it('ends in the state of the latest message by receivedAt, whatever the order and repeats', async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          let { messages, waves } = scenario;
          // A subscriber of its own per run, and message ids of its own: (account, message id)
          // is a message's identity, so an id reused by another run would be a duplicate. The
          // common prefix leaves the order of the ids within a run as generated.
          const phone = `+1202${3_000_000 + run}`;
          const prefix = `r${run++}-`;
          messages = messages.map((message) => ({ ...message, id: prefix + message.id }));
          const byOriginal = new Map(messages.map((message) => [message.id.slice(prefix.length), message]));
          waves = waves.map((wave) => wave.map((message) => byOriginal.get(message.id)!));
          for (const wave of waves) {
            const answers = await Promise.all(wave.map((message) => send(phone, message)));
            expect(answers.map((answer) => answer.status)).toEqual(wave.map(() => 202));
          }
          await system.waitUntilQueuesDrain(30_000);

          const expected = expectedState(messages);
          const { state, ledger, gate } = await outcomeFor(phone);
          // First of all, the gate (Redis) and the block list (Postgres) agree.
          expect({ gate: gate.status }).toEqual({ gate: state?.status ?? 'unknown' });
          expect(ledger).toEqual(messages.map((message) => message.id).sort());
          if (expected === null) {
            expect(state).toBeUndefined();
            expect(gate).toMatchObject({ allowed: true, status: 'unknown' });
          } else {
            expect(state).toEqual({ status: expected.status, source_message_id: expected.id });
            expect(gate).toMatchObject({ allowed: expected.status !== 'opted_out', status: expected.status });
          }
        }),
        { numRuns, endOnFailure: true },
      );
    }, 300_000);

    it('breaks a tie on receivedAt by message id in byte order, in Postgres and in the gate cache', async () => {
      // "t1-b" sorts before "t1-C" in en-US, after it in byte order. START b, then STOP C, same instant.
      const phone = `+1202${3_900_000 + run++}`;
      const at = new Date(BASE_MS).toISOString();
      expect((await send(phone, { id: 't1-b', body: 'START', receivedAt: at })).status).toBe(202);
      await system.waitUntilQueuesDrain(30_000);
      expect((await send(phone, { id: 't1-C', body: 'STOP', receivedAt: at })).status).toBe(202);
      await system.waitUntilQueuesDrain(30_000);
      const { state, gate } = await outcomeFor(phone);
      expect({ gate: gate.status }).toEqual({ gate: state?.status });
      expect(state).toEqual({ status: 'opted_in', source_message_id: 't1-b' });
      expect(gate).toMatchObject({ allowed: true, status: 'opted_in' });

      // And the other way round: START C, then STOP b — the STOP is the later one.
      const other = `+1202${3_900_000 + run++}`;
      expect((await send(other, { id: 't2-C', body: 'START', receivedAt: at })).status).toBe(202);
      await system.waitUntilQueuesDrain(30_000);
      expect((await send(other, { id: 't2-b', body: 'STOP', receivedAt: at })).status).toBe(202);
      await system.waitUntilQueuesDrain(30_000);
      const second = await outcomeFor(other);
      expect({ gate: second.gate.status }).toEqual({ gate: second.state?.status });
      expect(second.state).toEqual({ status: 'opted_out', source_message_id: 't2-b' });
      expect(second.gate).toMatchObject({ allowed: false, status: 'opted_out' });
    }, 60_000);
  });
}

describeOrdering('ordering and idempotency through the pipeline', {}, 40);
// postgres images initialise with en_US.utf8, whose order is not byte order ("b" < "C"); the
// Redis gate cache compares in byte order. The two must agree on ties all the same.
describeOrdering('ordering and idempotency, on a database with an en-US collation', { icuLocale: 'en-US' }, 15);

/**
 * The gate's two write scripts (one decision: WRITE_IF_NEWER; an import batch:
 * WRITE_MANY_IF_NEWER) on a Redis server running under en_US, whose string order is not byte
 * order. Lua's own `<` there ranks "t1-b" before "t1-C"; Postgres (COLLATE "C") ranks it after.
 * Both scripts must side with Postgres.
 */
describe('the gate cache\'s write scripts, on a Redis whose locale does not sort in byte order', () => {
  let locale: TestLocale | null;
  let redis: OwnRedis;
  let client: IORedis;
  let cache: GateCache;
  let phone = 0;
  const accountId = '00000000-0000-4000-8000-0000000000aa';
  const at = Date.UTC(2026, 0, 1, 12);
  const entry = (status: 'opted_out' | 'opted_in', versionId: string): GateEntry => ({ status, since: new Date(at).toISOString(), keyword: null, versionMs: at, versionId });

  beforeAll(async () => {
    locale = compileLocale('en_US');
    if (!locale) console.warn('localedef could not build en_US: the gate scripts are tested under the server\'s default locale only');
    redis = await OwnRedis.start(['--appendonly', 'no', '--maxmemory-policy', 'noeviction'], locale?.env ?? {});
    client = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
    cache = new GateCache(client, testConfig('postgres://unused/unused'));
  }, 90_000);

  afterAll(async () => {
    client?.disconnect();
    await redis?.remove();
    locale?.remove();
  });

  it('runs on a server where Lua\'s string order and byte order disagree on the pair', async () => {
    if (!locale) return;
    // The premise of the cases below: under this server's locale, "t1-b" sorts first.
    expect(await client.eval(`return ARGV[1] < ARGV[2] and 1 or 0`, 0, 't1-b', 't1-C')).toBe(1);
    expect(Buffer.compare(Buffer.from('t1-C'), Buffer.from('t1-b'))).toBe(-1);
  });

  it('one decision: a tie on receivedAt goes to the id later in byte order', async () => {
    const first = `+1202555${1000 + phone++}`;
    await cache.writeIfNewer(accountId, first, entry('opted_in', 't1-C'));
    expect(await cache.writeIfNewer(accountId, first, entry('opted_out', 't1-b'))).toBe(true);
    expect(await cache.get(accountId, first)).toMatchObject({ status: 'opted_out', versionId: 't1-b' });

    const second = `+1202555${1000 + phone++}`;
    await cache.writeIfNewer(accountId, second, entry('opted_in', 't1-b'));
    expect(await cache.writeIfNewer(accountId, second, entry('opted_out', 't1-C'))).toBe(false);
    expect(await cache.get(accountId, second)).toMatchObject({ status: 'opted_in', versionId: 't1-b' });
  });

  it('an import batch: the same ties, decided the same way', async () => {
    const later = `+1202555${1000 + phone++}`;
    const earlier = `+1202555${1000 + phone++}`;
    await cache.writeIfNewer(accountId, later, entry('opted_in', 't1-C'));
    await cache.writeIfNewer(accountId, earlier, entry('opted_in', 't1-b'));
    await cache.writeManyIfNewer(
      accountId,
      new Map([
        [later, entry('opted_out', 't1-b')],
        [earlier, entry('opted_out', 't1-C')],
      ]),
    );
    // t1-b is after t1-C in byte order: the import's opt-out stands. t1-C is before t1-b: the opt-in stays.
    expect(await cache.get(accountId, later)).toMatchObject({ status: 'opted_out', versionId: 't1-b' });
    expect(await cache.get(accountId, earlier)).toMatchObject({ status: 'opted_in', versionId: 't1-b' });
  });
});
