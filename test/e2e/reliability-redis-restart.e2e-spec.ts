import { groupDistinct } from '../support/collections';
import { HttpReceiver } from '../support/http-receiver';
import { InboundLoad, pause, seededRandom, numberedStops, singlesAndBatches } from '../support/inbound-load';
import { createAccountThrough, wireToReceiver } from '../support/gateway-request';
import { LOOPBACK_WEBHOOKS, ProcessSuite } from '../support/process-suite';
import { drained } from '../support/process-topology';
import { suiteFixture } from '../support/suite-fixture';
import { waitFor } from '../support/wait-for';

/**
 * Redis killed with SIGKILL and started again mid-load, under the two AOF fsync policies.
 * The apps (gateway and one process of each worker) are never touched: they must reconnect by
 * themselves. Every message that got a 2xx must end up applied.
 *
 * `always`: Redis fsyncs the AOF before it answers, so an acknowledged job survives any crash.
 * `everysec`: Redis answers after write(2) and fsyncs once a second in the background. A
 * killed redis-server loses nothing (the kernel still holds the written pages); a crash of
 * the host (power, kernel) can lose up to about a second of writes — two when the disk is so
 * slow that Redis postpones its writes. A SIGKILL cannot show that window; this suite checks
 * that whatever is lost lies inside it, and reports what it measured (docs/reliability.md).
 */
const STOPS = 2_000;
const LOAD_MS = 12_000;
const KILL_AT_MS = 4_000;
const DOWN_MS = 2_000;

describe.each(['always', 'everysec'] as const)('Redis killed and restarted mid-load (appendfsync %s)', (fsync) => {
  const random = seededRandom(fsync === 'always' ? 1 : 2);
  const suite = suiteFixture(
    async (stopLater) => {
      const processes = stopLater(await ProcessSuite.start({ ownRedis: ['--appendonly', 'yes', '--appendfsync', fsync, '--maxmemory-policy', 'noeviction'] }));
      const receiver = stopLater(await new HttpReceiver().start());
      return { processes, receiver, topology: await processes.startTopology({ classifier: 1, blocklist: 1, dispatcher: 1 }, LOOPBACK_WEBHOOKS) };
    },
    { timeoutMs: 120_000 },
  );

  it('applies every message that was acknowledged, and the apps reconnect by themselves', async () => {
    const api = (method: string, path: string, token: string, json?: unknown) => suite.topology.request(method, path, token, json);
    const account = await createAccountThrough(suite.topology.baseUrl, `Redis ${fsync}`);
    await wireToReceiver(suite.topology.baseUrl, account, suite.receiver);

    // Half as single requests, half in batches of 25, shuffled: both paths cross the outage.
    const messages = numberedStops(account.id, STOPS, 'r-', 4_000_000);
    const units = singlesAndBatches(messages, 25, random);

    // No retries here: each request's one answer is the record (a carrier would retry the
    // refused ones later; the question is what a 2xx promised).
    const load = new InboundLoad(() => suite.topology.baseUrl, account.apiKey);
    const ackedAt = new Map<string, number>();
    let refused = 0;
    const started = Date.now();
    let killedAt = 0;
    let restartedAt = 0;
    const outage = (async () => {
      await pause(KILL_AT_MS);
      await suite.processes.redis.kill();
      killedAt = Date.now();
      await pause(DOWN_MS);
      await suite.processes.redis.restart();
      restartedAt = Date.now();
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < units.length) {
          const i = next++;
          const due = started + (i / units.length) * LOAD_MS;
          if (due > Date.now()) await pause(due - Date.now());
          const unit = units[i];
          const outcome = await load.send(unit, { single: unit.length === 1, retryUntil: 0 });
          if (outcome.status === 202) {
            const now = Date.now();
            unit.forEach((message) => ackedAt.set(message.messageId, now));
          } else {
            // Only "Redis is away" answers are acceptable refusals: a 503 naming the queue, or
            // no answer at all.
            expect({ status: outcome.status, code: outcome.body?.error?.code ?? null }).toEqual(
              outcome.status === 0 ? { status: 0, code: null } : { status: 503, code: 'queue_unavailable' },
            );
            refused += unit.length;
          }
        }
      }),
    );
    await outage;
    expect(refused).toBeGreaterThan(0); // the outage really was met by the load

    // Every process is the one started at the beginning: nothing was restarted for them.
    expect([suite.topology.gateway, ...suite.topology.workers].map((process) => [process.app, process.running])).toEqual(
      [suite.topology.gateway, ...suite.topology.workers].map((process) => [process.app, true]),
    );

    // After a settle, the acknowledged STOPs must all be blocked (a lost one never will be,
    // so the bound also decides "lost"; then the assertions below name them).
    const blockedPhones = async () =>
      new Set(
        (await suite.processes.sql<{ phone: string }>(`SELECT phone FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [account.id])).map(
          (row) => row.phone,
        ),
      );
    const phoneOf = new Map(messages.map((message) => [message.messageId, message.from]));
    const loadEndedAt = Date.now();
    await waitFor(
      'every acknowledged STOP to be applied, confirmed and announced, and the queues to drain',
      async () => {
        const blocked = await blockedPhones();
        const confirmed = new Set(suite.receiver.on('/sms').map((request) => (request.json as { to: string }).to));
        const announced = new Set(suite.receiver.on('/crm').map((request) => (request.json as { data: { phone: string } }).data.phone));
        const allAcked = [...ackedAt.keys()].every((id) => blocked.has(phoneOf.get(id)!));
        const followedUp = [...blocked].every((phone) => confirmed.has(phone) && announced.has(phone));
        return allAcked && followedUp && drained(await suite.processes.queueCounts()) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    ).catch(() => undefined);

    const blocked = await blockedPhones();
    const lost = [...ackedAt].filter(([id]) => !blocked.has(phoneOf.get(id)!));
    const appliedThoughRefused = messages.filter((message) => !ackedAt.has(message.messageId) && blocked.has(message.from)).length;
    const settledMs = Date.now() - loadEndedAt;
    process.stdout.write(
      `\nRedis SIGKILL, appendfsync ${fsync}: ${ackedAt.size} of ${STOPS} STOPs acknowledged, ${refused} refused while Redis was away ` +
        `(down ${restartedAt - killedAt} ms); ${lost.length} acknowledged and lost; ${appliedThoughRefused} refused yet applied ` +
        `(the job reached Redis, its answer did not reach the client); settled ${(settledMs / 1000).toFixed(1)} s after the load\n`,
    );

    if (fsync === 'always') {
      expect(lost).toEqual([]);
    } else {
      // everysec: anything lost must have been acknowledged in the last ~2 s before the kill.
      expect(lost.filter(([, at]) => at < killedAt - 2_000 || at > killedAt)).toEqual([]);
    }

    // Exactly once where it was applied: one ledger row, one confirmation event, one webhook-id.
    const ledger = await suite.processes.sql<{ phone: string; n: string }>(
      'SELECT phone, count(*) AS n FROM consent_events WHERE account_id = $1 GROUP BY phone HAVING count(*) > 1',
      [account.id],
    );
    expect(ledger).toEqual([]);
    const replyKeys = groupDistinct(suite.receiver.on('/sms').map((request) => [(request.json as { to: string }).to, String(request.headers['idempotency-key'])]));
    expect([...replyKeys].filter(([, keys]) => keys.size !== 1)).toEqual([]);
    expect(new Set(replyKeys.keys())).toEqual(blocked);
    const webhookIds = groupDistinct(suite.receiver.on('/crm').map((request) => [(request.json as { data: { phone: string } }).data.phone, String(request.headers['webhook-id'])]));
    expect([...webhookIds].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    expect(new Set(webhookIds.keys())).toEqual(blocked);

    // And the system serves as before: a STOP sent now is applied.
    const after = await api('POST', '/v1/inbound', account.apiKey, { accountId: account.id, messageId: 'after', from: '+12023999999', to: '+12025550100', body: 'STOP' });
    expect(after.status).toBe(202);
    await waitFor('a STOP sent after the restart to be applied', async () => ((await blockedPhones()).has('+12023999999') ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  }, 300_000);
});
