import { twilioSignature } from '../../apps/gateway/src/carriers/twilio-signature.util';
import { groupDistinct } from '../support/collections';
import { HttpReceiver } from '../support/http-receiver';
import { InboundLoad, LoadMessage, pause, seededRandom, sendPaced, numberedStops, singlesAndBatches } from '../support/inbound-load';
import { OutageProxy } from '../support/outage-proxy';
import { createAccountThrough } from '../support/gateway-request';
import { LOOPBACK_WEBHOOKS, ProcessSuite } from '../support/process-suite';
import { drained } from '../support/process-topology';
import { suiteFixture } from '../support/suite-fixture';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { gatePath } from '../support/gate';

/**
 * Postgres taken away for 40 s mid-load and given back: every open connection reset, new ones
 * refused (a TCP proxy in front of the shared server, `test/support/outage-proxy.ts`; the
 * server itself is never touched). The apps (gateway and one process of each worker) are
 * never restarted. While it is away, STOPs are still acknowledged (they only need Redis),
 * through our API and through Twilio's signed webhook, which Twilio does not retry; the
 * gate answers from its cache and fails closed (503) on a miss; routes that need the database
 * answer 503, never 500. Once it is back, every STOP is applied, confirmed and announced once.
 *
 * The outage outlasts the gateway's 30 s caches of API keys, accounts and Twilio auth tokens,
 * so it also shows them being served past their expiry while the database cannot be asked.
 */
const STOPS = 800;
const LOAD_MS = 50_000;
const CUT_AT_MS = 5_000;
const DOWN_MS = 40_000;
/** When, inside the outage, the probes run: after the gateway's 30 s caches expired. */
const PROBE_AT_MS = CUT_AT_MS + 33_000;

describe('Postgres unreachable for 40 s mid-load', () => {
  const random = seededRandom(7);
  const suite = suiteFixture(
    async (stopLater) => {
      const processes = stopLater(await ProcessSuite.start({ ownRedis: true }));
      const server = new URL(processes.database.url);
      const proxy = stopLater(await OutageProxy.start(server.hostname, Number(server.port || 5432)));
      const receiver = stopLater(await new HttpReceiver().start());
      const topology = await processes.startTopology(
        { classifier: 1, blocklist: 1, dispatcher: 1 },
        { ...LOOPBACK_WEBHOOKS, DATABASE_URL: proxy.through(processes.database.url), LOG_LEVEL: 'error' },
      );
      return { processes, proxy, receiver, topology };
    },
    { timeoutMs: 120_000 },
  );

  const api = (method: string, path: string, token: string, json?: unknown) => suite.topology.request(method, path, token, json);

  it('keeps taking STOPs, answers 503 where it needs the database, and applies everything once it is back', async () => {
    const account = await createAccountThrough(suite.topology.baseUrl, 'Postgres outage');
    // Twilio credentials (kept for the inbound webhook's signature), then replies over http.
    const twilioAccount = { type: 'twilio', accountSid: `AC${'d'.repeat(32)}`, authToken: 'outage-twilio-token', baseUrl: suite.receiver.url('/twilio') };
    expect((await api('PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, twilioAccount)).status).toBe(200);
    expect((await api('PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, { type: 'http', url: suite.receiver.url('/sms') })).status).toBe(200);
    expect((await api('POST', `/v1/accounts/${account.id}/webhooks`, account.apiKey, { url: suite.receiver.url('/crm') })).status).toBe(201);
    const stopOf = (messageId: string, from: string): LoadMessage => ({ accountId: account.id, messageId, from, to: '+12025550100', body: 'STOP' });
    const load = new InboundLoad(() => suite.topology.baseUrl, account.apiKey);

    // One number blocked before the outage: its gate entry is in the Redis cache.
    const known = '+12023000001';
    expect((await load.send([stopOf('known', known)], { single: true })).status).toBe(202);
    const twilioStop = async (sid: string, from: string) => {
      const path = `/v1/carriers/twilio/${account.id}`;
      const params = { MessageSid: sid, AccountSid: twilioAccount.accountSid, From: from, To: '+12025550100', Body: 'STOP' };
      const response = await fetch(`${suite.topology.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilioAccount.authToken, `${suite.topology.baseUrl}${path}`, params) },
        body: new URLSearchParams(params).toString(),
      });
      return { status: response.status, code: ((await response.json().catch(() => null)) as any)?.error?.code ?? null };
    };
    // The webhook's auth token is read (and cached) before the outage.
    const viaTwilio = ['+12023000003', '+12023000004'];
    expect(await twilioStop(`SM${'e'.repeat(32)}`, viaTwilio[0])).toEqual({ status: 200, code: null });
    await waitFor('the first STOP to be blocked', async () => ((await api('GET', gatePath(account.id, known), account.apiKey)).body?.allowed === false ? true : undefined));

    const messages = numberedStops(account.id, STOPS, 'pg-', 3_100_000);
    const units = singlesAndBatches(messages, 20, random);
    const probes: Record<string, { status: number; code: string | null; allowed?: boolean }> = {};
    const started = Date.now();
    let restoredAt = 0;

    const outage = (async () => {
      await pause(CUT_AT_MS);
      await suite.proxy.cut();
      await pause(PROBE_AT_MS - CUT_AT_MS);
      const probe = async (name: string, method: string, path: string, token: string, json?: unknown) => {
        const answer = await api(method, path, token, json);
        probes[name] = { status: answer.status, code: answer.body?.error?.code ?? null, ...(answer.body?.allowed !== undefined ? { allowed: answer.body.allowed } : {}) };
      };
      await probe('gate, cached number', 'GET', gatePath(account.id, known), account.apiKey);
      await probe('gate, number never seen', 'GET', gatePath(account.id, '+12023000002'), account.apiKey);
      await probe('block list', 'GET', `/v1/accounts/${account.id}/blocklist`, account.apiKey);
      await probe('new account', 'POST', '/v1/accounts', TEST_ADMIN_TOKEN, { name: 'During the outage' });
      probes['readiness'] = { status: (await fetch(`${suite.topology.baseUrl}/health/ready`)).status, code: null };
      probes['Twilio webhook'] = await twilioStop(`SM${'f'.repeat(32)}`, viaTwilio[1]);
      await pause(CUT_AT_MS + DOWN_MS - PROBE_AT_MS);
      await suite.proxy.restore();
      restoredAt = Date.now();
    })();

    // A carrier's retries: 503 and no answer are retried; anything else is a wrong answer.
    const unexpected = await sendPaced(load, units, { streams: 8, spreadMs: LOAD_MS, startedAt: started });
    await outage;

    expect(unexpected).toEqual([]);
    expect(load.acknowledged.size).toBe(STOPS + 1);
    expect(probes).toEqual({
      'gate, cached number': { status: 200, code: null, allowed: false },
      'gate, number never seen': { status: 503, code: 'gate_unavailable' },
      'block list': { status: 503, code: 'database_unavailable' },
      'new account': { status: 503, code: 'database_unavailable' },
      readiness: { status: 503, code: null },
      'Twilio webhook': { status: 200, code: null },
    });
    expect([suite.topology.gateway, ...suite.topology.workers].every((process) => process.running)).toBe(true);

    // --- once it is back: every STOP applied, confirmed and announced, nothing failed ---
    const phones = new Set([known, ...viaTwilio, ...messages.map((message) => message.from)]);
    await waitFor(
      'every STOP to be blocked, confirmed and announced, and the queues to drain',
      async () => {
        const [{ n }] = await suite.processes.sql<{ n: string }>(`SELECT count(*) AS n FROM consent_states WHERE account_id = $1 AND status = 'opted_out'`, [account.id]);
        const confirmed = new Set(suite.receiver.on('/sms').map((request) => (request.json as { to: string }).to)).size;
        const announced = new Set(suite.receiver.on('/crm').map((request) => (request.json as { data: { phone: string } }).data.phone)).size;
        const counts = await suite.processes.queueCounts();
        const failed = Object.entries(counts).filter(([, count]) => count.failed > 0);
        if (failed.length > 0) return `jobs failed for good: ${JSON.stringify(failed)}`;
        return Number(n) === phones.size && confirmed === phones.size && announced === phones.size && drained(counts) ? 'settled' : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    ).then((outcome) => expect(outcome).toBe('settled'));
    const settleMs = Date.now() - restoredAt;

    const ledger = await suite.processes.sql<{ phone: string; n: string }>('SELECT phone, count(*) AS n FROM consent_events WHERE account_id = $1 GROUP BY phone', [account.id]);
    expect(new Set(ledger.map((row) => row.phone))).toEqual(phones);
    expect(ledger.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const keysByPhone = groupDistinct(suite.receiver.on('/sms').map((request) => [(request.json as { to: string }).to, String(request.headers['idempotency-key'])]));
    expect([...keysByPhone].filter(([, keys]) => keys.size !== 1)).toEqual([]);
    const idsByPhone = groupDistinct(suite.receiver.on('/crm').map((request) => [(request.json as { data: { phone: string } }).data.phone, String(request.headers['webhook-id'])]));
    expect([...idsByPhone].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    const replies = await suite.processes.sql<{ status: string; n: string }>('SELECT status, count(*) AS n FROM reply_deliveries GROUP BY status');
    expect(replies.map((row) => [row.status, Number(row.n)])).toEqual([['succeeded', phones.size]]);
    expect((await fetch(`${suite.topology.baseUrl}/health/ready`)).status).toBe(200);

    process.stdout.write(
      `\nPostgres outage of ${DOWN_MS / 1000} s under load: ${STOPS} STOPs acknowledged (answers ${JSON.stringify(Object.fromEntries(load.statusCounts))}, ` +
        `${load.retries} carrier retries); probes during the outage ${JSON.stringify(probes)}; all applied, confirmed and announced ` +
        `${(settleMs / 1000).toFixed(1)} s after Postgres came back\n`,
    );
  }, 360_000);
});
