import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JobProducer } from '@optout/queue';
import { freePort } from '../support/app-processes';
import { RunningSystem } from '../support/running-system';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { suiteFixture } from '../support/suite-fixture';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** The changes a leaked admin password could make through bull-board's API. */
const DASHBOARD_CHANGES: Array<{ method: string; path: string; body?: unknown }> = [
  { method: 'PUT', path: '/ops/queues/api/queues/inbound/empty' },
  { method: 'PUT', path: '/ops/queues/api/queues/inbound/pause' },
  { method: 'PUT', path: '/ops/queues/api/queues/pause' },
  {
    method: 'POST',
    path: '/ops/queues/api/queues/consent/add',
    body: { name: 'injected', data: { v: 1, messages: [{ accountId: '00000000-0000-4000-8000-000000000000', phone: '+12025550199', kind: 'opt_in' }] } },
  },
];

async function call(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function expectNoFraming(response: Response): void {
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

/** Issue 13, item 6: a read-only queue dashboard by default, no framing, and /ops + /metrics off the public port. */
describe('the admin surface', () => {
  describe('by default (no OPS_PORT, no OPS_DASHBOARD_WRITE)', () => {
    const suite = suiteFixture(async (stopLater) => ({ system: stopLater(await RunningSystem.start()) }));

    it('refuses every change through the dashboard with 405, and nothing changes', async () => {
      for (const change of DASHBOARD_CHANGES) {
        const response = await call(suite.system.baseUrl, change.method, change.path, change.body);
        expect({ path: change.path, status: response.status }).toEqual({ path: change.path, status: 405 });
        expect(response.headers.get('allow')).toBe('GET, HEAD');
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('dashboard_read_only');
      }
      const queues = suite.system.app.get(JobProducer).allQueues();
      const inbound = queues.find((queue) => queue.name === 'inbound')!;
      const consent = queues.find((queue) => queue.name === 'consent')!;
      expect(await inbound.isPaused()).toBe(false);
      expect(await consent.count()).toBe(0);
      expect(await consent.getJobCounts('waiting', 'delayed', 'completed', 'failed', 'active')).toEqual({ waiting: 0, delayed: 0, completed: 0, failed: 0, active: 0 });
    });

    it('still asks for the admin token first, and still shows the queues (read-only) to the admin', async () => {
      expect((await call(suite.system.baseUrl, 'PUT', '/ops/queues/api/queues/inbound/pause', undefined, {})).status).toBe(401);
      const api = await call(suite.system.baseUrl, 'GET', '/ops/queues/api/queues');
      expect(api.status).toBe(200);
      const { queues } = (await api.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
      expect(queues.length).toBeGreaterThan(0);
      expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
    });

    it('forbids framing of the dashboard page, its 401, and the API answers', async () => {
      const page = await call(suite.system.baseUrl, 'GET', '/ops/queues');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expectNoFraming(page);
      expectNoFraming(await call(suite.system.baseUrl, 'GET', '/ops/queues/queue/inbound'));
      expectNoFraming(await call(suite.system.baseUrl, 'GET', '/ops/queues', undefined, {}));
      expectNoFraming(await call(suite.system.baseUrl, 'GET', '/health/live'));
      expectNoFraming(await call(suite.system.baseUrl, 'GET', '/no/such/page'));
    });
  });

  describe('with OPS_PORT and OPS_DASHBOARD_WRITE=true', () => {
    const suite = suiteFixture(async (stopLater) => {
      const opsPort = await freePort();
      return {
        system: stopLater(await RunningSystem.start({ OPS_PORT: String(opsPort), OPS_DASHBOARD_WRITE: 'true' })),
        opsUrl: `http://127.0.0.1:${opsPort}`,
      };
    });

    it('serves neither /metrics nor /ops on the public port, admin token or not', async () => {
      for (const path of ['/metrics', '/ops/queues', '/ops/queues/health', '/ops/queues/api/queues', '/ops/queues/static/favicon-32x32.png']) {
        expect({ path, status: (await call(suite.system.baseUrl, 'GET', path)).status }).toEqual({ path, status: 404 });
      }
      expect((await call(suite.system.baseUrl, 'PUT', '/ops/queues/api/queues/inbound/pause')).status).toBe(404);
      expect((await call(suite.system.baseUrl, 'GET', '/health/ready', undefined, {})).status).toBe(200);
    });

    it('serves them on the operations port, the dashboard behind the admin token and without framing', async () => {
      const metrics = await call(suite.opsUrl, 'GET', '/metrics', undefined, {});
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('optout_');
      expect((await call(suite.opsUrl, 'GET', '/ops/queues/health', undefined, {})).status).toBe(401);
      expect((await call(suite.opsUrl, 'GET', '/ops/queues/health')).status).toBe(200);
      const page = await call(suite.opsUrl, 'GET', '/ops/queues');
      expect(page.status).toBe(200);
      expectNoFraming(page);
      expect((await call(suite.opsUrl, 'GET', '/v1/accounts')).status).toBe(404);
    });

    it('lets the dashboard change queues when writing is turned on', async () => {
      const inbound = suite.system.app.get(JobProducer).allQueues().find((queue) => queue.name === 'inbound')!;
      expect((await call(suite.opsUrl, 'PUT', '/ops/queues/api/queues/inbound/pause')).status).toBe(200);
      expect(await inbound.isPaused()).toBe(true);
      expect((await call(suite.opsUrl, 'PUT', '/ops/queues/api/queues/inbound/resume')).status).toBe(200);
      expect(await inbound.isPaused()).toBe(false);
    });

    it('closes the operations port with the app', async () => {
      const separate = await RunningSystem.start({ OPS_PORT: String(await freePort()) });
      const url = `http://127.0.0.1:${separate.config.opsPort}`;
      expect((await call(url, 'GET', '/metrics', undefined, {})).status).toBe(200);
      await separate.stop();
      await expect(fetch(`${url}/metrics`)).rejects.toThrow();
    }, 60_000);
  });

  it('docker-compose.yml keeps /metrics and /ops on an internal port of both gateways', () => {
    const compose = readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8');
    const service = (name: string) => new RegExp(`\\n {2}${name}:\\n([\\s\\S]*?)\\n {2}\\w`).exec(compose)?.[1] ?? '';
    for (const gateway of [service('gateway-edge'), service('gateway-admin')]) {
      expect(gateway).toMatch(/OPS_PORT: "9464"/);
      expect(gateway).toMatch(/OPS_DASHBOARD_WRITE: \$\{OPS_DASHBOARD_WRITE:-false\}/);
      // Published to the host's loopback only (the admin gateway's), never on every interface.
      expect(gateway).not.toMatch(/- "9464:9464"/);
    }
    expect(service('gateway-admin')).toContain('"127.0.0.1:9464:9464"');
  });
});
