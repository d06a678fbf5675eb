import { ALL_QUEUE_NAMES } from '@optout/contracts';
import { HeadlessChromium } from '../support/headless-chromium';
import { RunningSystem } from '../support/running-system';
import { stopAfterAll } from '../support/stop-after-all';
import { TEST_ADMIN_TOKEN } from '../support/test-config';

/**
 * The queue dashboard as an operator sees it: Debian's Chromium, headless, logging in with
 * HTTP basic auth (the admin token as password). `npm test` and CI install Chromium first
 * (scripts/ensure-chromium.sh); without it this suite fails, it is never skipped.
 */
describe('the queue dashboard in a browser', () => {
  let system: RunningSystem;
  let browsers: HeadlessChromium;
  /** A fresh headless Chromium; logged in when given credentials. */
  const openBrowser = (httpCredentials?: { username: string; password: string }) => browsers.open({ httpCredentials });

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    HeadlessChromium.assertInstalled();
    system = stopLater(await RunningSystem.start());
    browsers = stopLater(new HeadlessChromium());
  }, 60_000);

  it('shows every queue to an operator who logs in with the admin token', async () => {
    const context = await openBrowser({ username: 'ops', password: TEST_ADMIN_TOKEN });
    const page = await context.newPage();
    const response = await page.goto(`${system.baseUrl}/ops/queues`, { waitUntil: 'domcontentloaded' });
    expect(response?.status()).toBe(200);
    for (const queue of ALL_QUEUE_NAMES) {
      await page.getByText(queue, { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
    }
    expect(await page.title()).toBe('optout queues (read-only)');

    // One queue's own page, reached by its URL.
    const queuePage = await page.goto(`${system.baseUrl}/ops/queues/queue/webhook-deliveries`, { waitUntil: 'domcontentloaded' });
    expect(queuePage?.status()).toBe(200);
    await page.getByText('webhook-deliveries', { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
  }, 60_000);

  it('refuses the page, its assets and its API without the token', async () => {
    // The 401 carries a basic-auth challenge; a browser with no (or the wrong) password ends on
    // the 401 or gives up on the challenge (Chromium does either), and never sees a queue.
    for (const credentials of [undefined, { username: 'ops', password: 'not-the-admin-token-000' }]) {
      const page = await (await openBrowser(credentials)).newPage();
      const outcome = await page.goto(`${system.baseUrl}/ops/queues`).then(
        (response) => String(response?.status()),
        (error: Error) => error.message,
      );
      expect(outcome).toMatch(/^401$|ERR_INVALID_AUTH_CREDENTIALS/);
      expect(await page.getByText('inbound', { exact: true }).count()).toBe(0);
    }
    const anonymous = await fetch(`${system.baseUrl}/ops/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

    for (const path of ['/ops/queues/api/queues', '/ops/queues/static/favicon-32x32.png', '/ops/queues/queue/inbound']) {
      expect((await fetch(`${system.baseUrl}${path}`)).status).toBe(401);
    }
    const api = await fetch(`${system.baseUrl}/ops/queues/api/queues`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name);
    expect(names.sort()).toEqual([...ALL_QUEUE_NAMES].sort());
  }, 60_000);
});
