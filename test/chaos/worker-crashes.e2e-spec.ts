import { groupDistinct } from '../support/collections';
import { QueueName } from '@optout/contracts';
import { AppProcess } from '../support/app-processes';
import { FakeTwilio } from '../support/fake-twilio';
import { HttpReceiver } from '../support/http-receiver';
import { InboundLoad, LoadMessage, pause, seededRandom, shuffle } from '../support/inbound-load';
import { createAccountThrough } from '../support/gateway-request';
import { LOOPBACK_WEBHOOKS, ProcessSuite } from '../support/process-suite';
import { drained, failedJobs, ProcessTopology } from '../support/process-topology';
import { stopAfterAll } from '../support/stop-after-all';
import { waitFor } from '../support/wait-for';

/**
 * The crash test (`npm run test:chaos`, also part of `npm test`): the production topology as
 * processes — one gateway, two classifiers, two blocklist workers, one dispatcher — on a Redis
 * of the test's own (AOF on) and a fresh database. 20 000 messages, 5 000 of them STOPs from
 * distinct numbers, arrive through /v1/inbound/batch and single /v1/inbound requests while a
 * random worker is killed with SIGKILL every few seconds and started again. At the end every
 * STOP is in the block list, once in the ledger, confirmed once and announced once.
 *
 * Confirmations go to a stand-in for Twilio, whose API has no idempotency key: "confirmed
 * once" there means one text per subscriber, counted at the carrier. Webhooks are at least
 * once by design: one `webhook-id` per subscriber, repeats of it allowed and counted.
 *
 * CHAOS_SEED replays a run's kill schedule and message order; the seed is printed.
 */
const TOTAL = 20_000;
const STOPS = 5_000;
const SINGLES = 1_000;
/** STOPs a "carrier" delivers a second time (same message id), in another request. */
const REDELIVERED = 500;
/** Ingestion is spread over this long, so that kills land while every stage is busy. */
const LOAD_MS = 30_000;
/** Kills go on this long after the last message was acknowledged. */
const CHAOS_TAIL_MS = 15_000;
/**
 * After the last kill: a killed worker's active jobs wait for their lock to expire (30 s)
 * and for the next stalled-job check (every 30 s) before another worker takes them.
 */
const SETTLE_MS = 240_000;

describe('crash test: workers killed with SIGKILL under load', () => {
  const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seededRandom(seed);
  let suite: ProcessSuite;
  let receiver: HttpReceiver;
  const twilio = new FakeTwilio(`AC${'c'.repeat(32)}`, 'chaos-twilio-token');
  let topology: ProcessTopology;
  // The background loops (kills, progress samples) end with the test, even a failed one.
  let chaosUntil = Number.POSITIVE_INFINITY;
  let sampling = false;
  const background: Array<Promise<void>> = [];

  // Before stopAfterAll, so that it runs first: the loops end before what they watch is stopped.
  afterAll(async () => {
    chaosUntil = 0;
    sampling = false;
    await Promise.allSettled(background);
  });
  const stopLater = stopAfterAll();

  beforeAll(async () => {
    suite = stopLater(await ProcessSuite.start({ ownRedis: true }));
    receiver = stopLater(await new HttpReceiver().start());
    stopLater(await twilio.start());
    topology = await suite.startTopology({ classifier: 2, blocklist: 2, dispatcher: 1 }, LOOPBACK_WEBHOOKS);
  }, 120_000);

  const api = (method: string, path: string, token: string, json?: unknown) => topology.request(method, path, token, json);

  it('loses no STOP, and confirms and announces each once', async () => {
    const started = Date.now();
    const account = await createAccountThrough(topology.baseUrl, 'Chaos');
    const transport = { type: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.baseUrl };
    expect((await api('PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, transport)).status).toBe(200);
    expect((await api('POST', `/v1/accounts/${account.id}/webhooks`, account.apiKey, { url: receiver.url('/crm') })).status).toBe(201);

    // 5 000 STOPs from distinct numbers (the reply loop guard would withhold a second
    // confirmation to one number), 15 000 texts that match no keyword, in a random order.
    const stopPhones = Array.from({ length: STOPS }, (_, i) => `+1202${6_000_000 + i}`);
    const messages: LoadMessage[] = shuffle(
      [
        ...stopPhones.map((from, i) => ({ accountId: account.id, messageId: `stop-${i}`, from, to: '+12025550100', body: i % 3 === 0 ? 'stop' : 'STOP' })),
        ...Array.from({ length: TOTAL - STOPS }, (_, i) => ({
          accountId: account.id,
          messageId: `chat-${i}`,
          from: `+1303${7_000_000 + i}`,
          to: '+12025550100',
          body: `Is order ${i} ready?`,
        })),
      ],
      random,
    );
    const singles = messages.slice(0, SINGLES);
    const batched = messages.slice(SINGLES);
    const redelivered = shuffle(messages.filter((message) => message.body.toUpperCase() === 'STOP'), random).slice(0, REDELIVERED);
    const batches: LoadMessage[][] = [];
    for (let at = 0; at < batched.length; ) {
      const size = 100 + Math.floor(random() * 400);
      batches.push(batched.slice(at, at + size));
      at += size;
    }
    // Redeliveries ride in later batches, mixed with fresh messages.
    const half = Math.floor(batches.length / 2);
    redelivered.forEach((message, i) => batches[half + (i % (batches.length - half))].push(message));

    const load = new InboundLoad(() => topology.baseUrl, account.apiKey);
    const refused: string[] = [];

    // --- the chaos monkey: a random worker, SIGKILL, started again 0.5–2 s later. The first
    // three kills take one of each kind (in a random order), so every run crashes all three. ---
    const kills: Array<{ app: string; atMs: number }> = [];
    const firstKinds = shuffle(['classifier', 'blocklist', 'dispatcher'], random);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const monkey = (async () => {
      while (Date.now() < chaosUntil) {
        await pause(2_500 + random() * 3_000);
        if (Date.now() >= chaosUntil) break;
        const kind = firstKinds.shift();
        const victim: AppProcess = pick(kind ? topology.workers.filter((worker) => worker.app === kind) : topology.workers);
        await topology.kill(victim);
        kills.push({ app: victim.app, atMs: Date.now() - started });
        await pause(500 + random() * 1_500);
        if (Date.now() < chaosUntil) topology.restart(victim);
      }
    })();
    background.push(monkey);

    const loadStarted = Date.now();
    // --- progress, read while the load runs and until everything settles ---
    const stopSet = new Set(stopPhones);
    const progress = async () => {
      const [{ blocked }] = await suite.sql<{ blocked: string }>(
        `SELECT count(*) AS blocked FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`,
        [account.id],
      );
      const confirmed = new Set(twilio.messages.map((message) => message.to)).size;
      const announced = new Set(receiver.on('/crm').map((request) => (request.json as { data: { phone: string } }).data.phone)).size;
      const counts = await suite.queueCounts();
      return { blocked: Number(blocked), confirmed, announced, counts };
    };
    let last: Awaited<ReturnType<typeof progress>> | undefined;
    // When (seconds after the load began) each count first reached every STOP, sampled every
    // 2 s from the start: the timeline in docs/reliability.md.
    const reached: Record<string, number> = {};
    const mark = (seen: { blocked: number; confirmed: number; announced: number }) => {
      for (const what of ['blocked', 'confirmed', 'announced'] as const) {
        if (seen[what] === STOPS && reached[what] === undefined) reached[what] = Math.round((Date.now() - loadStarted) / 1000);
      }
    };
    sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await pause(2_000);
        mark(await progress().catch(() => ({ blocked: 0, confirmed: 0, announced: 0 })));
      }
    })();
    background.push(sampler);
    // --- the load: batches on one paced stream, singles on 16 concurrent paced loops ---
    const batchStream = (async () => {
      for (const [i, batch] of batches.entries()) {
        const due = loadStarted + (i / batches.length) * LOAD_MS;
        if (due > Date.now()) await pause(due - Date.now());
        const outcome = await load.send(batch);
        if (outcome.status !== 202) refused.push(`batch ${i}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
        else if (outcome.body.rejected.length > 0) refused.push(`batch ${i}: rejected ${JSON.stringify(outcome.body.rejected.slice(0, 3))}`);
      }
    })();
    let nextSingle = 0;
    const singleStreams = Array.from({ length: 16 }, async () => {
      while (nextSingle < singles.length) {
        const i = nextSingle++;
        const due = loadStarted + (i / singles.length) * LOAD_MS;
        if (due > Date.now()) await pause(due - Date.now());
        const outcome = await load.send([singles[i]], { single: true });
        if (outcome.status !== 202) refused.push(`single ${singles[i].messageId}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      }
    });
    await Promise.all([batchStream, ...singleStreams]);
    const loadMs = Date.now() - loadStarted;
    expect(refused).toEqual([]);
    expect(load.acknowledged.size).toBe(TOTAL);

    chaosUntil = Date.now() + CHAOS_TAIL_MS;
    await monkey;
    const chaosEndedAt = Date.now();
    // Whatever the monkey left down is started again; all must come up.
    for (const worker of topology.workers) topology.restart(worker);
    await Promise.all(topology.workers.map((worker) => topology.waitUntilRunning(worker)));

    // --- settle: every STOP applied, confirmed and announced, nothing left in any queue ---
    const settled = await waitFor(
      'every STOP to be blocked, confirmed and announced, and every queue to drain',
      async () => {
        last = await progress();
        mark(last);
        // A job that failed for good will never finish: say so now, with BullMQ's reason.
        const failed = Object.entries(last.counts).filter(([, count]) => count.failed > 0);
        if (failed.length > 0) {
          const reasons = await Promise.all(failed.map(async ([name]) => ({ name, jobs: await failedJobs(suite.redisUrl, suite.queuePrefix, name as QueueName, 5) })));
          return `jobs failed for good: ${JSON.stringify(reasons)}`;
        }
        return last.blocked === STOPS && last.confirmed === STOPS && last.announced === STOPS && drained(last.counts) ? 'settled' : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 1_000 },
    )
      .catch((error: Error) => error.message)
      .finally(() => {
        sampling = false;
      });
    await sampler;
    expect({ outcome: settled, seed, kills, last: settled === 'settled' ? 'ok' : last }).toEqual({ outcome: 'settled', seed, kills, last: 'ok' });
    const settleMs = Date.now() - chaosEndedAt;

    // --- the block list and the ledger: each STOP exactly once ---
    const blocked = await suite.sql<{ phone: string }>(`SELECT phone FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [account.id]);
    expect(new Set(blocked.map((row) => row.phone))).toEqual(stopSet);
    const ledger = await suite.sql<{ phone: string; kind: string; events: string }>(
      'SELECT phone, kind, count(*) AS events FROM consent_events WHERE account_id = $1 GROUP BY phone, kind',
      [account.id],
    );
    expect(ledger.filter((row) => row.kind !== 'optOut' || Number(row.events) !== 1 || !stopSet.has(row.phone))).toEqual([]);
    expect(ledger).toHaveLength(STOPS);

    // --- the send gate agrees, for every number (1 000 per request) ---
    for (let at = 0; at < stopPhones.length; at += 1000) {
      const answer = await api('POST', `/v1/gate/${account.id}/check`, account.apiKey, { phones: stopPhones.slice(at, at + 1000) });
      expect(answer.status).toBe(200);
      expect(answer.body.results.filter((result: { allowed: boolean }) => result.allowed)).toEqual([]);
    }

    // --- one confirmation per subscriber: one text at Twilio each, nothing else ---
    const textsByPhone = new Map<string, number>();
    for (const message of twilio.messages) textsByPhone.set(message.to, (textsByPhone.get(message.to) ?? 0) + 1);
    expect(new Set(textsByPhone.keys())).toEqual(stopSet);
    expect([...textsByPhone].filter(([, texts]) => texts !== 1)).toEqual([]);
    expect(twilio.rejected).toEqual([]);

    // --- one webhook-id per subscriber; repeats of the same id are allowed (at least once) ---
    const webhooks = receiver.on('/crm').map((request) => ({ phone: (request.json as { data: { phone: string } }).data.phone, id: String(request.headers['webhook-id']) }));
    const webhookIdsByPhone = groupDistinct(webhooks.map((webhook) => [webhook.phone, webhook.id]));
    expect(new Set(webhookIdsByPhone.keys())).toEqual(stopSet);
    expect([...webhookIdsByPhone].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    const webhooksRepeated = webhooks.length - STOPS;

    // --- and the records agree: one reply and one delivery per event, all succeeded, each
    // reply holding the SID of its own text ---
    const replyRows = await suite.sql<{ status: string; n: string }>('SELECT status, count(*) AS n FROM reply_deliveries GROUP BY status');
    expect(replyRows.map((row) => [row.status, Number(row.n)])).toEqual([['succeeded', STOPS]]);
    const sids = await suite.sql<{ to_phone: string; provider_message_id: string }>('SELECT to_phone, provider_message_id FROM reply_deliveries');
    const sidOfText = new Map(twilio.messages.map((message) => [message.to, message.sid]));
    expect(sids.filter((row) => row.provider_message_id !== sidOfText.get(row.to_phone))).toEqual([]);
    // Sends the crashes interrupted, settled by asking Twilio: found sent (not sent again), or not found (sent).
    const [{ found }] = await suite.sql<{ found: string }>(
      `SELECT count(*) AS found FROM delivery_attempts WHERE reply_delivery_id IS NOT NULL AND error LIKE 'an interrupted attempt had been sent%'`,
    );
    const deliveryRows = await suite.sql<{ status: string; n: string }>('SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY status');
    expect(deliveryRows.map((row) => [row.status, Number(row.n)])).toEqual([['succeeded', STOPS]]);

    const killsByApp = kills.reduce<Record<string, number>>((all, kill) => ({ ...all, [kill.app]: (all[kill.app] ?? 0) + 1 }), {});
    process.stdout.write(
      `\ncrash test (seed ${seed}): ${TOTAL} messages (${STOPS} STOPs, ${REDELIVERED} redelivered) acknowledged in ${(loadMs / 1000).toFixed(1)} s ` +
        `(${load.retries} sends retried; statuses ${JSON.stringify(Object.fromEntries(load.statusCounts))}); ` +
        `${kills.length} SIGKILLs ${JSON.stringify(killsByApp)}; settled ${(settleMs / 1000).toFixed(1)} s after the last kill; ` +
        `whole test ${((Date.now() - started) / 1000).toFixed(1)} s; all ${STOPS} reached, in s after the load began: ${JSON.stringify(reached)}. ` +
        `Blocked ${STOPS}/${STOPS}, ledger once each; ` +
        `texts at Twilio: ${twilio.messages.length} (one per subscriber); interrupted sends looked up at Twilio: ${twilio.listRequests}, ` +
        `of which found already sent: ${found}; webhook requests repeated (same webhook-id): ${webhooksRepeated}\n`,
    );
  }, 540_000);
});
