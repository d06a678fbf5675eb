import { AppName, AppProcess, freePort } from '../support/app-processes';
import { HttpReceiver } from '../support/http-receiver';
import { OwnRedis } from '../support/own-redis';
import { ProcessSuite, waitUntilReady } from '../support/process-suite';
import { stopAfterAll } from '../support/stop-after-all';
import { waitFor } from '../support/wait-for';
import { createAccountThrough, gatewayRequest, wireToReceiver } from '../support/gateway-request';
import { sample, scrapeMetrics } from '../support/prometheus-text';

type LogLine = Record<string, unknown> & { msg: string; app: string; level: string };

/** Every stdout line of a process as JSON: a line that is not JSON fails the test. */
function logLines(process: AppProcess): LogLine[] {
  return process.output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`${process.app} wrote a line that is not JSON: ${line}`);
      }
    });
}

const carries = (line: LogLine, correlationId: string) =>
  line.correlationId === correlationId || (Array.isArray(line.correlationIds) && line.correlationIds.includes(correlationId));

/**
 * The apps as separate processes (built dist/), as an operator runs them: each worker
 * serves /metrics and /health on its METRICS_PORT, every process logs JSON, and one
 * message's correlation id can be followed from the gateway to its webhook.
 */
describe('operations of the apps as processes', () => {
  let receiver: HttpReceiver;
  let baseUrl: string;
  const processes = new Map<AppName, AppProcess>();
  const metricsPorts = new Map<AppName, number>();
  let env: Record<string, string>;

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    const suite = stopLater(await ProcessSuite.start());
    receiver = stopLater(await new HttpReceiver().start());
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = suite.env({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', LOG_LEVEL: 'info', PORT: String(port) });
    for (const app of ['gateway', 'classifier', 'blocklist', 'dispatcher'] as const) {
      const metricsPort = await freePort();
      metricsPorts.set(app, metricsPort);
      processes.set(app, suite.startApp(app, { ...env, METRICS_PORT: String(metricsPort) }));
    }
    for (const app of ['classifier', 'blocklist', 'dispatcher'] as const) {
      await waitUntilReady(`http://127.0.0.1:${metricsPorts.get(app)}`, [processes.get(app)!], 30_000);
    }
    await waitUntilReady(baseUrl, [processes.get('gateway')!], 30_000);
  }, 90_000);

  const call = (method: string, path: string, token: string, json?: unknown) => gatewayRequest(baseUrl, method, path, token, json);
  const metricsOf = (app: AppName) => scrapeMetrics(`http://127.0.0.1:${metricsPorts.get(app)}`);

  let correlationId: string;

  it('carries a STOP through and follows it in every process’s JSON log, to its webhook', async () => {
    const account = await createAccountThrough(baseUrl, 'Trail');
    await wireToReceiver(baseUrl, account, receiver);
    const accepted = await call('POST', '/v1/inbound', account.apiKey, { accountId: account.id, messageId: 'trail-1', from: '+12025550142', to: '+12025550100', body: 'STOP' });
    expect(accepted.status).toBe(202);
    correlationId = accepted.body.id;
    await waitFor('the webhook and the confirmation', () => (receiver.on('/crm').length === 1 && receiver.on('/sms').length === 1 ? true : undefined), {
      timeoutMs: 15_000,
    });
    // A job's "done" line is written just after its handler returns, a moment after the HTTP call.
    await waitFor('the dispatcher’s last lines', () => (processes.get('dispatcher')!.output.includes('"msg":"replies job done"') ? true : undefined));
    const webhookId = String(receiver.on('/crm')[0].headers['webhook-id']);

    const logs = new Map([...processes].map(([app, process]) => [app, logLines(process)]));
    const trail = (app: AppName) => logs.get(app)!.filter((line) => carries(line, correlationId)).map((line) => line.msg);
    expect(trail('gateway')).toContain('inbound job queued');
    expect(trail('classifier')).toEqual(expect.arrayContaining(['consent job queued', 'inbound job done']));
    expect(trail('blocklist')).toEqual(expect.arrayContaining(['replies job queued', 'webhook-events job queued', 'consent job done']));
    expect(trail('dispatcher')).toEqual(expect.arrayContaining(['webhook-deliveries job queued', 'webhook-events job done', 'replies job done']));

    // The fan-out's line names the delivery job, and the delivery's own lines name the job:
    // that delivery is the webhook the receiver got (its webhook-id is the delivery id).
    const fanout = logs.get('dispatcher')!.find((line) => carries(line, correlationId) && line.msg === 'webhook-deliveries job queued')!;
    expect(fanout.queuedJobIds).toEqual([`wd-${webhookId}`]);
    await waitFor('the delivery job’s own line', () =>
      logLines(processes.get('dispatcher')!).find((line) => line.jobId === `wd-${webhookId}` && line.msg === 'webhook-deliveries job done') ? true : undefined,
    );
    expect(logLines(processes.get('dispatcher')!).find((line) => line.msg === 'webhook delivery succeeded')).toMatchObject({
      jobId: `wd-${webhookId}`,
      deliveryId: webhookId,
      statusCode: 200,
    });

    for (const [app, lines] of logs) {
      for (const line of lines) {
        expect(line).toMatchObject({ app, level: expect.stringMatching(/^(debug|info|warn|error|fatal)$/), time: expect.any(String), pid: expect.any(Number) });
      }
    }
  }, 60_000);

  it('serves each worker’s own metrics on its metrics port', async () => {
    const classifier = await metricsOf('classifier');
    expect(sample(classifier, 'optout_messages_classified_total', { kind: 'optOut', app: 'classifier' })).toBe(1);
    expect(sample(classifier, 'optout_job_duration_seconds_count', { queue: 'inbound', outcome: 'completed', app: 'classifier' })).toBe(1);
    expect(sample(classifier, 'process_resident_memory_bytes', { app: 'classifier' })).toBeGreaterThan(0);

    const blocklist = await metricsOf('blocklist');
    expect(sample(blocklist, 'optout_time_to_block_seconds_count', { app: 'blocklist' })).toBe(1);
    expect(sample(blocklist, 'optout_job_duration_seconds_count', { queue: 'consent', outcome: 'completed', app: 'blocklist' })).toBe(1);

    const dispatcher = await metricsOf('dispatcher');
    expect(sample(dispatcher, 'optout_job_duration_seconds_count', { queue: 'webhook-deliveries', outcome: 'completed', app: 'dispatcher' })).toBe(1);
    expect(sample(dispatcher, 'optout_webhook_deliveries_total', { outcome: 'succeeded', app: 'dispatcher' })).toBe(1);
    // The STOP's confirmation, sent through the account's http reply transport.
    expect(sample(dispatcher, 'optout_replies_total', { kind: 'optOut', outcome: 'sent', app: 'dispatcher' })).toBe(1);
    // Queue depths are read from Redis by whichever process is scraped.
    expect(sample(dispatcher, 'optout_queue_jobs', { queue: 'webhook-deliveries', state: 'completed', app: 'dispatcher' })).toBe(1);

    const gateway = await scrapeMetrics(baseUrl);
    expect(sample(gateway, 'optout_queue_jobs', { queue: 'inbound', state: 'completed', app: 'gateway' })).toBe(1);
  });

  it('answers health probes on every process', async () => {
    for (const app of ['classifier', 'blocklist', 'dispatcher'] as const) {
      const live = await fetch(`http://127.0.0.1:${metricsPorts.get(app)}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${metricsPorts.get(app)}/health/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' }, postgres: { status: 'up' }, migrations: { status: 'up' } } });
    }
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
  });

  it('closes cleanly on a SIGTERM that arrives while it is still starting', async () => {
    // A Redis of its own with AOF off: the start-up check's warning marks "starting, not yet running".
    const redis = await OwnRedis.start(['--maxmemory-policy', 'noeviction', '--appendonly', 'no']);
    try {
      const worker = new AppProcess('blocklist', { ...env, REDIS_URL: redis.url, METRICS_PORT: '0' }).start();
      await waitFor('the start-up check', () => (worker.output.includes('without the append-only file') ? true : undefined), { timeoutMs: 20_000, intervalMs: 20 });
      expect(worker.output).not.toContain('worker running');
      expect(await worker.stop('SIGTERM', 30_000)).toEqual({ code: 0, signal: null });
      expect(worker.output).toContain('blocklist: stopped');
    } finally {
      await redis.remove();
    }
  }, 40_000);

  it('refuses to start a worker on a Redis that may evict, in one JSON line saying how to fix it', async () => {
    const evicting = await OwnRedis.start(['--maxmemory-policy', 'allkeys-lru']);
    try {
      const worker = new AppProcess('classifier', { ...env, REDIS_URL: evicting.url, METRICS_PORT: '0' }).start();
      await waitFor('the worker to give up', () => (worker.running ? undefined : true), { timeoutMs: 20_000, intervalMs: 100 });
      const exit = await worker.stop();
      expect(exit.code).toBe(1);
      const [line] = logLines(worker).filter((candidate) => candidate.level === 'fatal');
      expect(line.msg).toMatch(/classifier did not start: .*maxmemory-policy allkeys-lru.*CONFIG SET maxmemory-policy noeviction/);
    } finally {
      await evicting.remove();
    }
  }, 40_000);
});
