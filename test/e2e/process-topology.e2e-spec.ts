import { AppProcess } from '../support/app-processes';
import { HttpReceiver } from '../support/http-receiver';
import { ProcessSuite } from '../support/process-suite';
import { stopAfterAll } from '../support/stop-after-all';
import { waitFor } from '../support/wait-for';
import { createAccountThrough, gatewayRequest, wireToReceiver } from '../support/gateway-request';
import { gatePath } from '../support/gate';

/**
 * The production topology as plain processes (what docker-compose.yml runs): one gateway and
 * two replicas of each worker, all started at once on an empty database, so that they race to
 * migrate it. Every STOP must end blocked, confirmed once and notified once.
 */
describe('the apps as separate processes', () => {
  let receiver: HttpReceiver;
  let processes: AppProcess[] = [];
  let baseUrl: string;

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    const suite = stopLater(await ProcessSuite.start());
    receiver = stopLater(await new HttpReceiver().start());
    const env = suite.env({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true' });
    const gateway = await suite.startGateway(env);
    baseUrl = gateway.url;
    processes = [gateway.process, ...(['classifier', 'classifier', 'blocklist', 'blocklist', 'dispatcher', 'dispatcher'] as const).map((app) => suite.startApp(app, env))];
    await waitFor('the gateway to listen', async () => ((await fetch(`${baseUrl}/v1/accounts`)).status === 401 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  }, 60_000);

  const call = (method: string, path: string, token: string, json?: unknown) => gatewayRequest(baseUrl, method, path, token, json);

  it('carries STOPs from the gateway process through the worker processes', async () => {
    const account = await createAccountThrough(baseUrl, 'Acme');
    await wireToReceiver(baseUrl, account, receiver);

    const subscribers = Array.from({ length: 40 }, (_, i) => `+1202555${String(1000 + i)}`);
    for (const [i, phone] of subscribers.entries()) {
      const accepted = await call('POST', '/v1/inbound', account.apiKey, { accountId: account.id, messageId: `p-${i}`, from: phone, to: '+12025550100', body: 'stop' });
      expect(accepted.status).toBe(202);
    }

    for (const phone of subscribers) {
      await waitFor(`${phone} to be blocked`, async () => ((await call('GET', gatePath(account.id, phone), account.apiKey)).body.allowed === false ? true : undefined), {
        timeoutMs: 15_000,
      });
    }
    await waitFor('one confirmation and one webhook per subscriber', () =>
      receiver.on('/sms').length >= subscribers.length && receiver.on('/crm').length >= subscribers.length ? true : undefined,
    { timeoutMs: 15_000 });
    const confirmed = receiver.on('/sms').map((request) => (request.json as { to: string }).to);
    expect(confirmed.sort()).toEqual([...subscribers].sort());
    const webhookIds = new Set(receiver.on('/crm').map((request) => request.headers['webhook-id']));
    expect(webhookIds.size).toBe(subscribers.length);
  }, 60_000);

  it('stops every process cleanly on SIGTERM', async () => {
    const exits = await Promise.all(processes.map((process) => process.stop('SIGTERM')));
    expect(exits).toEqual(processes.map(() => ({ code: 0, signal: null })));
  }, 30_000);
});
