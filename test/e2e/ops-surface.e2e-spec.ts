import { QueueName } from '@optout/contracts';
import { JobProducer } from '@optout/queue';
import { QueueStats } from '@optout/runtime';
import { RunningSystem } from '../support/running-system';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { gatePath } from '../support/gate';
import { counterDelta, sample, scrapeMetrics } from '../support/prometheus-text';
import { stopAfterAll } from '../support/stop-after-all';

const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

/** The gateway's operations surface, on the all-in-one system: health, metrics, queue health. */
describe('operations surface', () => {
  let system: RunningSystem;
  let account: { id: string; apiKey: string };

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    system = stopLater(await RunningSystem.start());
    account = await system.createAccount('Ops Florist');
  });

  const get = (path: string, authorization?: string) => fetch(`${system.baseUrl}${path}`, { headers: authorization ? { authorization } : {} });
  const json = async (response: Response): Promise<any> => response.json();

  it('is live, and ready when Redis, Postgres and the migrations are', async () => {
    const live = await get('/health/live');
    expect(live.status).toBe(200);
    expect(await json(live)).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });

    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toMatchObject({
      status: 'ok',
      info: { redis: { status: 'up' }, postgres: { status: 'up' }, migrations: { status: 'up' }, shutdown: { status: 'up' } },
    });
  });

  it('keeps /ops/queues/health behind the admin token, by bearer or basic auth', async () => {
    const anonymous = await get('/ops/queues/health');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await json(anonymous)).error.code).toBe('unauthorized');
    expect((await get('/ops/queues/health', `Bearer ${account.apiKey}`)).status).toBe(401);
    expect((await get('/ops/queues/health', basic('wrong-token-0123456789'))).status).toBe(401);
    expect((await get('/ops/queues/health', `Bearer ${TEST_ADMIN_TOKEN}`)).status).toBe(200);
    expect((await get('/ops/queues/health', basic(TEST_ADMIN_TOKEN))).status).toBe(200);
  });

  it('reports every queue with its counts, rates, oldest waiting job and workers', async () => {
    const response = await get('/ops/queues/health', `Bearer ${TEST_ADMIN_TOKEN}`);
    const body = await json(response);
    expect(new Date(body.checkedAt).getTime()).toBeGreaterThan(0);
    expect(Object.keys(body.queues).sort()).toEqual(Object.values(QueueName).sort());
    for (const queue of Object.values(body.queues)) {
      expect(queue).toEqual({
        waiting: expect.any(Number),
        active: expect.any(Number),
        delayed: expect.any(Number),
        prioritized: expect.any(Number),
        failed: expect.any(Number),
        completedRetained: expect.any(Number),
        completedPerMinute: expect.any(Number),
        failedPerMinute: expect.any(Number),
        completedPerMinuteAvg15m: expect.any(Number),
        oldestWaitingAgeSeconds: null,
        // The all-in-one process runs one BullMQ worker per queue.
        workers: 1,
        paused: false,
      });
    }
  });

  it('counts completions per whole minute from the workers’ own BullMQ metrics', async () => {
    const stopsBefore = 3;
    for (let i = 0; i < stopsBefore; i++) {
      const accepted = await system.request('POST', '/v1/inbound', {
        token: account.apiKey,
        json: { accountId: account.id, messageId: `rate-${i}`, from: `+1202555${String(2000 + i)}`, to: '+12025550100', body: 'STOP' },
      });
      expect(accepted.status).toBe(202);
    }
    await system.waitUntilQueuesDrain();
    // The minute still running is not reported; the jobs finished in it or in the one before,
    // so "now" and "a minute from now" together see every one of them.
    const stats = system.app.get(QueueStats);
    const now = Date.now();
    const [current, next] = [await stats.health(now), await stats.health(now + 60_000)];
    expect(current.consent.completedPerMinute + next.consent.completedPerMinute).toBe(stopsBefore);
    expect(next.consent.completedPerMinuteAvg15m).toBeGreaterThan(0);
  });

  it('reports how long the oldest job has been waiting', async () => {
    // A paused queue keeps its jobs waiting: a stand-in for a backlog no worker keeps up with.
    const queue = system.app.get(JobProducer).queue(QueueName.Replies);
    await queue.pause();
    try {
      await system.app.get(JobProducer).enqueue(
        QueueName.Replies,
        { v: 1, eventId: 'waiting-event', accountId: account.id, kind: 'optOut', to: '+12025550111', from: '+12025550100', body: 'x', correlationId: 'c-wait' },
        { jobId: 're-waiting-event' },
      );
      const health = await waitFor('the job to be seen waiting for a second', async () => {
        const { queues } = await json(await get('/ops/queues/health', `Bearer ${TEST_ADMIN_TOKEN}`));
        return queues.replies.oldestWaitingAgeSeconds >= 1 ? queues.replies : undefined;
      }, { timeoutMs: 5_000, intervalMs: 200 });
      expect(health).toMatchObject({ waiting: 1, paused: true });
      expect(health.oldestWaitingAgeSeconds).toBeLessThan(10);

      const metrics = await scrapeMetrics(system.baseUrl);
      expect(sample(metrics, 'optout_queue_jobs', { queue: 'replies', state: 'waiting' })).toBe(1);
      expect(sample(metrics, 'optout_queue_oldest_waiting_age_seconds', { queue: 'replies' })).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.obliterate({ force: true });
    }
  });

  it('exposes pipeline and process metrics in Prometheus format', async () => {
    const before = await scrapeMetrics(system.baseUrl);
    const accepted = await system.request('POST', '/v1/inbound', {
      token: account.apiKey,
      json: { accountId: account.id, messageId: 'metrics-stop', from: '+12025553000', to: '+12025550100', body: 'STOP' },
    });
    expect(accepted.status).toBe(202);
    await system.request('POST', '/v1/inbound', {
      token: account.apiKey,
      json: { accountId: account.id, messageId: 'metrics-hello', from: '+12025553001', to: '+12025550100', body: 'hello there' },
    });
    await system.waitUntilQueuesDrain();
    const gate = gatePath(account.id, '+12025553000');
    expect((await system.request('GET', gate, { token: account.apiKey })).body.allowed).toBe(false);
    await system.request('GET', gate, { token: account.apiKey });

    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const after = await response.text();
    const delta = (name: string, labels: Record<string, string> = {}) => counterDelta(before, after, name, labels);

    expect(delta('optout_messages_classified_total', { kind: 'optOut' })).toBe(1);
    expect(delta('optout_messages_classified_total', { kind: 'none' })).toBe(1);
    expect(delta('optout_time_to_block_seconds_count')).toBe(1);
    expect(delta('optout_job_duration_seconds_count', { queue: 'inbound', outcome: 'completed' })).toBe(2);
    expect(delta('optout_job_duration_seconds_count', { queue: 'consent', outcome: 'completed' })).toBe(1);
    // The blocklist wrote the cache: both lookups are hits.
    expect(delta('optout_gate_lookups_total', { status: 'opted_out', cache: 'hit' })).toBe(2);
    expect(after).toMatch(/^optout_queue_jobs\{queue="inbound",state="waiting",app="standalone"\} 0$/m);
    expect(after).toContain('# TYPE optout_webhook_deliveries_total counter');
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // Present, not merely non-negative: `sample` reads a missing series as undefined.
    expect(sample(after, 'nodejs_eventloop_lag_seconds')).toBeDefined();
    expect(sample(after, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });
});
