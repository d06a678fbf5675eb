import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES } from '@optout/contracts';
import { groupDistinct } from '../support/collections';
import { HttpReceiver } from '../support/http-receiver';
import { pause } from '../support/inbound-load';
import { OwnRedisCluster } from '../support/own-redis-cluster';
import { createAccountThrough, wireToReceiver } from '../support/gateway-request';
import { LOOPBACK_WEBHOOKS, ProcessSuite } from '../support/process-suite';
import { drained } from '../support/process-topology';
import { suiteFixture } from '../support/suite-fixture';
import { waitFor } from '../support/wait-for';

const process_ = process;

/**
 * The whole system on a Redis Cluster of its own (three masters, one replica each, AOF
 * fsync always, cluster-node-timeout 2 s), every app a separate process configured with
 * REDIS_CLUSTER_NODES only — REDIS_URL points at a closed port, so any connection that did not
 * go through the cluster factory would fail. Then the master that holds the queues is killed
 * with SIGKILL while STOPs flow: its replica takes over, every STOP that got a 202 is applied,
 * every request during the failover is answered 202 or 503 with Retry-After (never a 500), and
 * the STOPs refused meanwhile are applied once the carrier sends them again.
 */
const QUEUE_PREFIX = '{optout-cluster}';
const KEY_PREFIX = 'optout-cluster';
const STOPS = 480;
const LOAD_MS = 10_000;
const KILL_AT_MS = 3_500;

describe('Redis Cluster: the pipeline across masters, and a master failover under load', () => {
  const suite = suiteFixture(
    async (stopLater) => {
      // Started first, so stopped last: the processes stop before the cluster under them goes.
      const cluster = await OwnRedisCluster.start({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 2_000 });
      stopLater({ stop: () => cluster.remove() });
      const client = cluster.client();
      stopLater({ stop: async () => client.disconnect() });
      const processes = stopLater(await ProcessSuite.start());
      const receiver = stopLater(await new HttpReceiver().start());
      // REDIS_URL points at a closed port: only the cluster's seeds can be reached.
      const topology = await processes.startTopology(
        { classifier: 1, blocklist: 1, dispatcher: 1 },
        { ...LOOPBACK_WEBHOOKS, REDIS_CLUSTER_NODES: cluster.seeds, REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX },
      );
      return { cluster, client, processes, receiver, topology };
    },
    { timeoutMs: 180_000 },
  );

  const api = (method: string, path: string, token: string, json?: unknown) => suite.topology.request(method, path, token, json);

  async function newAccount(name: string): Promise<{ id: string; apiKey: string }> {
    const account = await createAccountThrough(suite.topology.baseUrl, name);
    await wireToReceiver(suite.topology.baseUrl, account, suite.receiver);
    return account;
  }

  const blockedPhones = async (accountId: string) =>
    new Set(
      (await suite.processes.sql<{ phone: string }>(`SELECT phone FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [accountId])).map(
        (row) => row.phone,
      ),
    );

  async function queuesDrained(): Promise<boolean> {
    const counts: Record<string, Record<string, number>> = {};
    for (const name of ALL_QUEUE_NAMES) {
      const queue = new Queue(name, { connection: suite.client, prefix: QUEUE_PREFIX });
      counts[name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
      await queue.close();
    }
    return drained(counts);
  }

  it('spreads gate keys over the masters by account, keeps each account batch in one slot', async () => {
    // Accounts until their gate keys fall on at least two masters (each account is one slot).
    const accounts: Array<{ id: string; apiKey: string }> = [];
    const masters = new Set<number>();
    while (masters.size < 2 && accounts.length < 12) {
      const account = await newAccount(`Spread ${accounts.length}`);
      accounts.push(account);
      masters.add((await suite.cluster.masterOf(`${KEY_PREFIX}:gate:{${account.id}}:x`)).port);
    }
    expect(masters.size).toBeGreaterThanOrEqual(2);

    for (const [i, account] of accounts.entries()) {
      const stop = await api('POST', '/v1/inbound', account.apiKey, { accountId: account.id, messageId: `spread-${i}`, from: '+12025550111', to: '+12025550100', body: 'STOP' });
      expect(stop.status).toBe(202);
    }
    for (const account of accounts) {
      await waitFor(`account ${account.id}: the STOP applied`, async () => ((await blockedPhones(account.id)).has('+12025550111') ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
      // A batch check reads and fills several keys of one account: one slot, one pipeline.
      const check = await api('POST', `/v1/gate/${account.id}/check`, account.apiKey, { phones: ['+12025550111', '+12025550112', '+12025550113'] });
      expect(check.status).toBe(200);
      expect(check.body.results.map((answer: { allowed: boolean }) => answer.allowed)).toEqual([false, true, true]);
    }

    const perMaster = await suite.cluster.keysPerMaster(`${KEY_PREFIX}:gate:*`);
    const holding = [...perMaster].filter(([, count]) => count > 0);
    process.stdout.write(`\ngate keys per master: ${JSON.stringify(Object.fromEntries(perMaster))}\n`);
    expect(holding.length).toBeGreaterThanOrEqual(2);
    expect([...perMaster.values()].reduce((sum, n) => sum + n, 0)).toBe(accounts.length * 3);
  }, 180_000);

  it('loses no acknowledged STOP when the master holding the queues is killed, and answers 503 with Retry-After meanwhile', async () => {
    const account = await newAccount('Failover');
    const queueMaster = await suite.cluster.masterOf(`${QUEUE_PREFIX}:inbound:id`);
    const phoneOf = (i: number) => `+1202${5_000_000 + i}`;

    // Readiness, sampled through the failover: it must go down while the cluster is not ok.
    const readiness: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        readiness.push(await fetch(`${suite.topology.baseUrl}/health/ready`).then((r) => r.status, () => 0));
        await pause(200);
      }
    })();

    const outcomes = new Map<number, { status: number; retryAfter: string | null; code: string | null }>();
    const unexpected: string[] = [];
    const gateAnswers: number[] = [];
    const latencies: Array<{ at: number; ms: number; status: number }> = [];
    const started = Date.now();
    let killedAt = 0;
    const failover = (async () => {
      await pause(KILL_AT_MS);
      await suite.cluster.kill(queueMaster);
      killedAt = Date.now();
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < STOPS) {
          const i = next++;
          const due = started + (i / STOPS) * LOAD_MS;
          if (due > Date.now()) await pause(due - Date.now());
          const sentAt = Date.now();
          const response = await fetch(`${suite.topology.baseUrl}/v1/inbound`, {
            method: 'POST',
            headers: { authorization: `Bearer ${account.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ accountId: account.id, messageId: `fo-${i}`, from: phoneOf(i), to: '+12025550100', body: 'STOP' }),
            signal: AbortSignal.timeout(30_000),
          }).catch(() => null);
          const body = (response ? await response.json().catch(() => null) : null) as { error?: { code?: string } } | null;
          const outcome = { status: response?.status ?? 0, retryAfter: response?.headers.get('retry-after') ?? null, code: body?.error?.code ?? null };
          latencies.push({ at: sentAt - started, ms: Date.now() - sentAt, status: outcome.status });
          outcomes.set(i, outcome);
          if (outcome.status !== 202 && !(outcome.status === 503 && outcome.retryAfter !== null)) unexpected.push(`fo-${i}: ${JSON.stringify(outcome)}`);
          // The send gate too, for numbers already sent: an answer, never a 500.
          if (i % 10 === 0) gateAnswers.push((await api('GET', `/v1/gate/${account.id}/${encodeURIComponent(phoneOf(i))}`, account.apiKey)).status);
        }
      }),
    );
    await failover;
    await suite.cluster.waitUntilOk();
    const loadDoneAt = Date.now();
    await suite.topology.waitForGateway();
    process.stdout.write(`\nload done and cluster ok ${loadDoneAt - started} ms after the load began; gateway ready at ${Date.now() - started} ms\n`);
    sampling = false;
    await sampler;

    const acknowledged = [...outcomes].filter(([, outcome]) => outcome.status === 202).map(([i]) => i);
    const refused = [...outcomes].filter(([, outcome]) => outcome.status !== 202).map(([i]) => i);
    process.stdout.write(
      `\nmaster ${queueMaster.port} (queues) killed ${killedAt - started} ms into the load: ${acknowledged.length} of ${STOPS} STOPs acknowledged, ` +
        `${refused.length} answered 503 (${[...new Set(refused.map((i) => outcomes.get(i)!.code))].join(', ')}); readiness ${readiness.filter((s) => s !== 200).length} of ${readiness.length} samples not ready; gate answers ${JSON.stringify(countBy(gateAnswers))}\n`,
    );
    const slowest = [...latencies].sort((a, b) => b.ms - a.ms).slice(0, 5);
    process.stdout.write(`slowest answers (sent at ms, took ms, status): ${JSON.stringify(slowest)}\n`);
    expect(unexpected).toEqual([]);
    // The failover really met the load: requests were in flight between the kill and the
    // cluster being whole again (each ended 202 after the takeover or 503 meanwhile, as above).
    expect(latencies.filter((request) => request.at + request.ms > killedAt - started && request.at < loadDoneAt - started).length).toBeGreaterThan(0);
    expect(gateAnswers.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(readiness.some((status) => status === 503)).toBe(true);
    expect(readiness.at(-1)).toBe(200);

    // The carrier sends the refused ones again, now that the replica has taken over.
    for (const i of refused) {
      const again = await api('POST', '/v1/inbound', account.apiKey, { accountId: account.id, messageId: `fo-${i}`, from: phoneOf(i), to: '+12025550100', body: 'STOP' });
      expect(again.status).toBe(202);
    }

    await waitFor(
      'every STOP applied, confirmed and announced, and the queues drained',
      async () => {
        const blocked = await blockedPhones(account.id);
        const confirmed = new Set(suite.receiver.on('/sms').map((request) => (request.json as { to: string }).to));
        const announced = new Set(suite.receiver.on('/crm').map((request) => (request.json as { data: { phone: string } }).data.phone));
        const all = Array.from({ length: STOPS }, (_, i) => phoneOf(i));
        return all.every((phone) => blocked.has(phone) && confirmed.has(phone) && announced.has(phone)) && (await queuesDrained()) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    ).catch(async () => {
      // Say where it stands: what each process logged last, and the queues.
      for (const process of [suite.topology.gateway, ...suite.topology.workers]) {
        process_.stdout.write(`\n--- ${process.app} (last lines)\n${process.output.split('\n').slice(-15).join('\n')}\n`);
      }
      process_.stdout.write(`blocked ${(await blockedPhones(account.id)).size} of ${STOPS}; queues drained: ${await queuesDrained().catch((error: Error) => error.message)}\n`);
    });

    const blocked = await blockedPhones(account.id);
    expect(acknowledged.filter((i) => !blocked.has(phoneOf(i)))).toEqual([]); // nothing acknowledged was lost
    expect(Array.from({ length: STOPS }, (_, i) => phoneOf(i)).filter((phone) => !blocked.has(phone))).toEqual([]);
    const ledger = await suite.processes.sql<{ n: string }>(`SELECT count(*) AS n FROM consent_events WHERE account_id = $1`, [account.id]);
    expect(Number(ledger[0].n)).toBe(STOPS);
    const webhookIds = groupDistinct(suite.receiver.on('/crm').map((request) => [(request.json as { data: { phone: string } }).data.phone, String(request.headers['webhook-id'])]));
    const failoverPhones = new Set(Array.from({ length: STOPS }, (_, i) => phoneOf(i)));
    expect([...webhookIds].filter(([phone, ids]) => failoverPhones.has(phone) && ids.size !== 1)).toEqual([]); // one webhook-id each

    // The gate says so for every one of them, from the cluster.
    const phones = Array.from({ length: STOPS }, (_, i) => phoneOf(i));
    for (let start = 0; start < phones.length; start += 500) {
      const check = await api('POST', `/v1/gate/${account.id}/check`, account.apiKey, { phones: phones.slice(start, start + 500) });
      expect(check.status).toBe(200);
      expect(check.body.results.filter((answer: { allowed: boolean }) => answer.allowed)).toEqual([]);
    }
    expect(await queuesDrained()).toBe(true);
    // Every process survived the failover by itself.
    expect([suite.topology.gateway, ...suite.topology.workers].every((process) => process.running)).toBe(true);
  }, 400_000);
});

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
