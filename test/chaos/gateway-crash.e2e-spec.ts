import { InboundLoad, pause, seededRandom, sendPaced, numberedStops, singlesAndBatches } from '../support/inbound-load';
import { createAccountThrough } from '../support/gateway-request';
import { ProcessSuite } from '../support/process-suite';
import { drained } from '../support/process-topology';
import { suiteFixture } from '../support/suite-fixture';
import { waitFor } from '../support/wait-for';

/**
 * The gateway killed with SIGKILL mid-load, twice, and started again. A request in flight
 * gets no answer — its messages may or may not have reached Redis — and the carrier sends it
 * again, as carriers do; single messages waiting in the gateway's micro-batch die with it,
 * unacknowledged. Every STOP must end up applied exactly once: the ones that were written
 * before the kill and sent again are dropped by the ledger's unique message id.
 */
const STOPS = 3_000;
const LOAD_MS = 20_000;
const KILLS_AT_MS = [5_000, 12_000];
const DOWN_MS = 1_000;

describe('the gateway killed with SIGKILL under load', () => {
  const random = seededRandom(11);
  const suite = suiteFixture(
    async (stopLater) => {
      const processes = stopLater(await ProcessSuite.start({ ownRedis: true }));
      return { processes, topology: await processes.startTopology({ classifier: 1, blocklist: 1, dispatcher: 1 }) };
    },
    { timeoutMs: 120_000 },
  );

  it('applies every STOP exactly once, whatever the kills caught in flight', async () => {
    const account = await createAccountThrough(suite.topology.baseUrl, 'Gateway crash');
    // Half as single requests (through the gateway's micro-batcher), half in batches of 50.
    const units = singlesAndBatches(numberedStops(account.id, STOPS, 'gw-', 2_200_000), 50, random);
    const load = new InboundLoad(() => suite.topology.baseUrl, account.apiKey);
    const started = Date.now();

    const killer = (async () => {
      for (const at of KILLS_AT_MS) {
        await pause(started + at - Date.now());
        await suite.topology.kill(suite.topology.gateway);
        await pause(DOWN_MS);
        suite.topology.gateway.start();
        await suite.topology.waitForGateway();
      }
    })();
    const refused = await sendPaced(load, units, { streams: 16, spreadMs: LOAD_MS, startedAt: started });
    await killer;

    expect(refused).toEqual([]);
    expect(load.acknowledged.size).toBe(STOPS);
    // The kills really met the load: requests went unanswered and were sent again.
    expect(load.retries).toBeGreaterThan(0);

    await waitFor(
      'every STOP to be applied and the queues to drain',
      async () => {
        const [{ n }] = await suite.processes.sql<{ n: string }>(`SELECT count(*) AS n FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [account.id]);
        return Number(n) === STOPS && drained(await suite.processes.queueCounts()) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const ledger = await suite.processes.sql<{ phone: string; n: string }>('SELECT phone, count(*) AS n FROM consent_events WHERE account_id = $1 GROUP BY phone', [account.id]);
    expect(ledger).toHaveLength(STOPS);
    expect(ledger.filter((row) => Number(row.n) !== 1)).toEqual([]);

    process.stdout.write(
      `\ngateway SIGKILL ×${KILLS_AT_MS.length} under load: ${STOPS} STOPs acknowledged (answers ${JSON.stringify(Object.fromEntries(load.statusCounts))}, ` +
        `${load.retries} sends retried by the carrier); all applied, once each in the ledger, ${((Date.now() - started) / 1000).toFixed(1)} s after the load began\n`,
    );
  }, 240_000);
});
