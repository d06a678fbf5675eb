import { freePort } from '../support/app-processes';
import { RunningSystem } from '../support/running-system';
import { ScriptedEndpoint } from '../support/scripted-endpoint';
import { waitFor } from '../support/wait-for';
import { createWebhook, text, verifyAsCustomer } from '../support/webhook-helpers';

// Each case waits on real retries and timeouts; the default 5 s per test is too tight on a shared machine.
jest.setTimeout(30_000);

/**
 * A hanging endpoint must not hold back anyone else. Account A's webhook endpoint and reply
 * transport accept connections and never answer; the timeout is 20 s, so every request to
 * them stays open for the whole test. A's burst of 60 opt-outs is more than the 50 jobs a
 * delivery worker runs at once: without per-endpoint slots it would take all of them, and
 * account B — or C, whose endpoint is down — would wait for the timeout.
 */
describe('isolation between endpoints', () => {
  let system: RunningSystem;
  let hanging: ScriptedEndpoint;
  let healthy: ScriptedEndpoint;
  const BURST = 60;

  beforeAll(async () => {
    system = await RunningSystem.start({ WEBHOOK_TIMEOUT_MS: '20000' });
    hanging = await new ScriptedEndpoint().start();
    hanging.respond = () => 'hang';
    healthy = await new ScriptedEndpoint().start();
  });

  afterAll(async () => {
    // Dropping the hanging connections first lets the dispatcher's active jobs end at once.
    await hanging?.stop();
    await healthy?.stop();
    await system?.stop();
  });

  it('delivers to other accounts at once while one endpoint hangs on a burst of deliveries', async () => {
    const slow = await system.createAccount('Hanging CRM');
    await createWebhook(system, slow, hanging.url('/hook'));
    expect((await system.request('PUT', `/v1/accounts/${slow.id}/reply-transport`, { token: slow.apiKey, json: { type: 'http', url: hanging.url('/sms') } })).status).toBe(200);

    const fine = await system.createAccount('Healthy CRM');
    const fineWebhook = await createWebhook(system, fine, healthy.url('/hook'));
    expect((await system.request('PUT', `/v1/accounts/${fine.id}/reply-transport`, { token: fine.apiKey, json: { type: 'http', url: healthy.url('/sms') } })).status).toBe(200);

    const down = await system.createAccount('Dead CRM');
    const deadPort = await freePort();
    await createWebhook(system, down, `http://127.0.0.1:${deadPort}/hook`);

    await Promise.all(Array.from({ length: BURST }, (_, i) => text(system, slow, `+1202555${String(4000 + i)}`, 'STOP')));
    await waitFor('the hanging endpoint to hold its slots', () => (hanging.on('/hook').length >= 10 && hanging.on('/sms').length >= 10 ? true : undefined), {
      timeoutMs: 15_000,
    });

    const started = Date.now();
    await text(system, down, '+12025554998', 'STOP');
    await text(system, fine, '+12025554999', 'STOP');
    await waitFor('account B’s webhook and reply', () => (healthy.on('/hook').length === 1 && healthy.on('/sms').length === 1 ? true : undefined), {
      timeoutMs: 5_000,
    });
    const elapsed = Date.now() - started;
    // Ingestion, classification and blocklist included; the hanging requests have 20 s to go.
    expect(elapsed).toBeLessThan(5_000);
    expect(verifyAsCustomer(fineWebhook.secret, healthy.on('/hook')[0]).data).toMatchObject({ phone: '+12025554999' });

    // A's endpoint never held more than its share: 10 slots per endpoint in this one process.
    expect(hanging.open).toBeGreaterThan(0);
    expect(hanging.maxOpen).toBeLessThanOrEqual(20);
    expect(hanging.on('/hook').length).toBeLessThanOrEqual(10);
    expect(hanging.on('/sms').length).toBeLessThanOrEqual(10);
    console.log(`isolation: B served ${elapsed} ms after A's burst filled its slots; A held ${hanging.maxOpen} requests open at most (webhooks + replies)`);
  });
});
