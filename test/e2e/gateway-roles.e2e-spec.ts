import { createAccountThrough, gatewayRequest } from '../support/gateway-request';
import { HttpReceiver } from '../support/http-receiver';
import { ProcessSuite, waitUntilReady } from '../support/process-suite';
import { stopAfterAll } from '../support/stop-after-all';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { gatePath } from '../support/gate';

/**
 * GATEWAY_ROLES as docker-compose.yml runs it: an `edge` gateway (inbound, carriers, the send
 * gate) and an `admin,ops` gateway (the account API, /metrics, the dashboard) as separate
 * processes from dist/ against one database and one Redis, with the workers. Each answers only
 * its own routes — anything else is the API's 404 — and a STOP posted to the edge is blocked at
 * the edge's gate and listed by the admin's block list.
 */
describe('gateways in roles', () => {
  let receiver: HttpReceiver;
  let edgeUrl: string;
  let adminUrl: string;
  let account: { id: string; apiKey: string };

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    const suite = stopLater(await ProcessSuite.start());
    receiver = stopLater(await new HttpReceiver().start());
    const env = suite.env({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', METRICS_PORT: '0' });
    const edge = await suite.startGateway({ ...env, GATEWAY_ROLES: 'edge' });
    const admin = await suite.startGateway({ ...env, GATEWAY_ROLES: 'admin,ops' });
    [edgeUrl, adminUrl] = [edge.url, admin.url];
    const processes = [edge.process, admin.process, ...(['classifier', 'blocklist', 'dispatcher'] as const).map((app) => suite.startApp(app, env))];
    for (const url of [edgeUrl, adminUrl]) await waitUntilReady(url, processes);
    account = await createAccountThrough(adminUrl, 'Roles');
  }, 120_000);

  /** One route of each controller and surface, and who may call it. */
  const routes = () => {
    const a = `/v1/accounts/${account.id}`;
    const inbound = { accountId: account.id, messageId: 'probe', from: '+12025550150', to: '+12025550100', body: 'hello', receivedAt: new Date().toISOString() };
    return {
      edge: [
        ['POST', '/v1/inbound', account.apiKey, inbound],
        ['POST', '/v1/inbound/batch', account.apiKey, { messages: [inbound] }],
        ['GET', `/v1/gate/${account.id}/%2B12025550150`, account.apiKey],
        ['POST', `/v1/gate/${account.id}/check`, account.apiKey, { phones: ['+12025550150'] }],
        ['POST', `/v1/carriers/twilio/${account.id}`, account.apiKey],
      ],
      admin: [
        ['GET', '/v1/accounts', TEST_ADMIN_TOKEN],
        ['GET', `${a}/compliance`, account.apiKey],
        ['GET', `${a}/blocklist`, account.apiKey],
        ['GET', `${a}/blocklist/export`, account.apiKey],
        ['GET', `${a}/consent/%2B12025550150`, account.apiKey],
        ['GET', `${a}/webhooks`, account.apiKey],
        ['GET', `${a}/reply-transport`, account.apiKey],
        ['GET', `${a}/api-keys`, account.apiKey],
        ['GET', '/v1/accounts/me', account.apiKey],
        ['GET', '/console/', account.apiKey],
      ],
      ops: [
        ['GET', '/metrics', TEST_ADMIN_TOKEN],
        ['GET', '/ops/queues/health', TEST_ADMIN_TOKEN],
      ],
    } as Record<'edge' | 'admin' | 'ops', Array<[string, string, string, unknown?]>>;
  };

  /** Whether the gateway has the route: anything but the 404 of an unknown path (a route's own 404, "… was not found", counts). */
  async function serves(baseUrl: string, [method, path, token, json]: [string, string, string, unknown?]): Promise<boolean> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (response.status !== 404 || body?.error?.message !== 'No such route') return true;
    // The API's error shape, for a route this process does not run as for any unknown path.
    expect(body).toEqual({ error: { code: 'not_found', message: 'No such route', details: [] } });
    return false;
  }

  it('serves on each gateway the routes of its roles, and answers 404 in the API\'s error shape for the others', async () => {
    const { edge, admin, ops } = routes();
    const table = async (baseUrl: string) => ({
      edge: await Promise.all(edge.map((route) => serves(baseUrl, route))),
      admin: await Promise.all(admin.map((route) => serves(baseUrl, route))),
      ops: await Promise.all(ops.map((route) => serves(baseUrl, route))),
    });
    expect(await table(edgeUrl)).toEqual({ edge: edge.map(() => true), admin: admin.map(() => false), ops: ops.map(() => false) });
    expect(await table(adminUrl)).toEqual({ edge: edge.map(() => false), admin: admin.map(() => true), ops: ops.map(() => true) });
    // Health probes answer in every role: load balancers call each process.
    for (const url of [edgeUrl, adminUrl]) expect((await fetch(`${url}/health/live`)).status).toBe(200);
  });

  it('carries a STOP posted to the edge through the workers: blocked at the edge\'s gate, listed and announced by the admin side', async () => {
    expect((await gatewayRequest(adminUrl, 'POST', `/v1/accounts/${account.id}/webhooks`, account.apiKey, { url: receiver.url('/crm') })).status).toBe(201);
    const phone = '+12025550177';
    const stop = { accountId: account.id, messageId: 'roles-stop-1', from: phone, to: '+12025550100', body: 'STOP', receivedAt: new Date().toISOString() };
    expect((await gatewayRequest(edgeUrl, 'POST', '/v1/inbound', account.apiKey, stop)).status).toBe(202);

    const gate = await waitFor('the edge gate to block the number', async () => {
      const answer = await gatewayRequest(edgeUrl, 'GET', gatePath(account.id, phone), account.apiKey);
      return answer.body?.allowed === false ? answer.body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    expect(gate).toMatchObject({ status: 'opted_out', keyword: 'STOP' });

    const listed = await gatewayRequest(adminUrl, 'GET', `/v1/accounts/${account.id}/blocklist`, account.apiKey);
    expect(listed.body.items).toEqual([expect.objectContaining({ phone, source: 'sms' })]);
    const [hook] = await waitFor('the consent.opted_out webhook', () => (receiver.on('/crm').length > 0 ? receiver.on('/crm') : undefined), { timeoutMs: 30_000 });
    expect(hook.json).toMatchObject({ type: 'consent.opted_out', data: { phone, messageId: 'roles-stop-1' } });

    // A manual opt-in on the admin side is what the edge's gate answers next.
    expect((await gatewayRequest(adminUrl, 'DELETE', `/v1/accounts/${account.id}/blocklist/${encodeURIComponent(phone)}`, account.apiKey)).status).toBe(204);
    expect((await gatewayRequest(edgeUrl, 'GET', gatePath(account.id, phone), account.apiKey)).body).toMatchObject({ allowed: true, status: 'opted_in' });
  });
});
