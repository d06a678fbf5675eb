import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES } from '@optout/contracts';
import { AppName, AppProcess } from '../support/app-processes';
import { createAccountThrough, gatewayRequest } from '../support/gateway-request';
import { HttpReceiver } from '../support/http-receiver';
import { ProcessSuite, waitUntilReady } from '../support/process-suite';
import { stopAfterAll } from '../support/stop-after-all';
import { TEST_REDIS_URL } from '../support/test-config';
import { waitFor } from '../support/wait-for';

/** A CRM that takes `delayMs` to answer each webhook: deliveries are in flight when a dispatcher is stopped. */
class SlowEndpoint {
  readonly webhookIds: string[] = [];
  open = 0;
  private server!: Server;

  constructor(private readonly delayMs: number) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.open += 1;
      request.resume();
      request.on('end', () => {
        setTimeout(() => {
          this.webhookIds.push(String(request.headers['webhook-id']));
          this.open -= 1;
          response.writeHead(204).end();
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/crm`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Lines a process wrote after `marker`, parsed. */
function linesAfter(process: AppProcess, marker: string): Array<Record<string, unknown>> {
  const lines = process.output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const at = lines.findIndex((line) => String(line.msg).includes(marker));
  return at < 0 ? [] : lines.slice(at + 1);
}

/**
 * Scaling down under load loses nothing: worker processes and a gateway get SIGTERM while
 * STOPs keep arriving. Workers finish their active jobs (a delivery in flight completes, it
 * is not sent twice) and leave the rest queued for the replicas that stay or replace them;
 * the gateway answers what it accepted and refuses the rest, which the client sends to the
 * other gateway. At the end every STOP is in the ledger, confirmed once, notified once.
 */
describe('graceful shutdown under load', () => {
  const total = 600;
  let suite: ProcessSuite;
  let sms: HttpReceiver;
  let crm: SlowEndpoint;
  let env: Record<string, string>;
  const gateways: Array<{ url: string; process: AppProcess }> = [];

  const start = (app: AppName, extra: Record<string, string> = {}) => suite.startApp(app, { ...env, ...extra });

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    sms = stopLater(await new HttpReceiver().start());
    crm = stopLater(await new SlowEndpoint(300).start());
    // Started last, stopped first: the processes are killed before the endpoints they call close.
    suite = stopLater(await ProcessSuite.start());
    env = suite.env({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', LOG_LEVEL: 'info', METRICS_PORT: '0' });
    for (let i = 0; i < 2; i++) gateways.push(await suite.startGateway(env));
    for (const gateway of gateways) await waitUntilReady(gateway.url, [gateway.process], 30_000);
  }, 60_000);

  it('loses nothing while workers and a gateway are stopped and replaced', async () => {
    const [a, b] = gateways;
    const account = await createAccountThrough(a.url, 'Scale');
    expect((await gatewayRequest(a.url, 'PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, { type: 'http', url: sms.url('/sms') })).status).toBe(200);
    expect((await gatewayRequest(a.url, 'POST', `/v1/accounts/${account.id}/webhooks`, account.apiKey, { url: crm.url })).status).toBe(201);

    const classifiers = [start('classifier'), start('classifier')];
    const blocklists = [start('blocklist'), start('blocklist')];
    const firstDispatcher = start('dispatcher');
    for (const worker of [...classifiers, ...blocklists, firstDispatcher]) {
      await waitFor(`${worker.app} to run`, () => (worker.output.includes('worker running') ? true : undefined), { timeoutMs: 30_000, intervalMs: 100 });
    }
    const stopped: Array<Promise<{ process: AppProcess; exit: { code: number | null; signal: NodeJS.Signals | null } }>> = [];
    const stop = (process: AppProcess) => stopped.push(process.stop('SIGTERM', 30_000).then((exit) => ({ process, exit })));

    // A carrier: each STOP goes to gateway A while it answers, else to B; a 503 or a refused
    // connection is retried, a 202 is final.
    let accepted = 0;
    let retried = 0;
    const send = async (i: number) => {
      const message = { accountId: account.id, messageId: `load-${i}`, from: `+1202556${String(i).padStart(4, '0')}`, to: '+12025550100', body: 'STOP' };
      for (let attempt = 0; ; attempt++) {
        const base = a.process.running && attempt === 0 ? a.url : b.url;
        const status = await gatewayRequest(base, 'POST', '/v1/inbound', account.apiKey, message).then(
          (response) => response.status,
          () => 0,
        );
        if (status === 202) break;
        retried += 1;
        if (attempt > 20) throw new Error(`message ${i} not accepted: last status ${status}`);
      }
      accepted += 1;
      if (accepted === 100) {
        stop(classifiers[0]);
        stop(blocklists[0]);
      }
      if (accepted === 200) {
        start('classifier');
        start('blocklist');
      }
      if (accepted === 300) stop(a.process);
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) await send(next++);
      }),
    );
    expect(accepted).toBe(total);

    // The one dispatcher is stopped while it has deliveries in flight, then replaced.
    await waitFor('deliveries in flight at the CRM', () => (crm.open > 0 ? true : undefined), { timeoutMs: 30_000 });
    stop(firstDispatcher);
    const exits = await Promise.all(stopped);
    start('dispatcher');

    await waitFor(`${total} webhooks and ${total} confirmations`, () => (crm.webhookIds.length >= total && sms.on('/sms').length >= total ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 200,
    });

    for (const { process, exit } of exits) expect({ app: process.app, ...exit }).toEqual({ app: process.app, code: 0, signal: null });
    // The stopped dispatcher finished the deliveries it had started, after SIGTERM.
    const finishedAfterSigterm = linesAfter(firstDispatcher, 'SIGTERM received').filter((line) => line.msg === 'webhook-deliveries job done');
    expect(finishedAfterSigterm.length).toBeGreaterThan(0);

    const [{ count }] = await suite.sql<{ count: string }>('SELECT count(*) FROM consent_events');
    expect(Number(count)).toBe(total);
    // Each once: a job finished by a stopping worker is not run again by another.
    expect(crm.webhookIds.length).toBe(total);
    expect(new Set(crm.webhookIds).size).toBe(total);
    expect(new Set(sms.on('/sms').map((request) => (request.json as { to: string }).to)).size).toBe(total);
    expect(sms.on('/sms')).toHaveLength(total);

    // Nothing failed, nothing is left behind.
    for (const name of ALL_QUEUE_NAMES) {
      const queue = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix: suite.queuePrefix });
      try {
        expect({ name, ...(await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')) }).toEqual({ name, waiting: 0, active: 0, delayed: 0, failed: 0 });
      } finally {
        await queue.close();
      }
    }
    process.stdout.write(`graceful shutdown: ${total} STOPs, ${retried} sends retried on the other gateway after gateway A stopped\n`);
  }, 180_000);
});
