import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { HeadlessChromium } from '../support/headless-chromium';
import { HttpReceiver } from '../support/http-receiver';
import { RunningSystem } from '../support/running-system';
import { stopAfterAll } from '../support/stop-after-all';
import { TEST_ADMIN_TOKEN } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { deliveriesOf, text, waitForDeliveryStatus } from '../support/webhook-helpers';

const BUILT_CONSOLE = resolve(__dirname, '../../dist/console/index.html');
/** Set (e.g. to docs/console) to save a screenshot of every page: how docs/console/*.png are made. */
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;
/** Each page once, at one of the two widths (the docs stay small); both widths are tested all the same. */
const SCREENSHOTS_KEPT = new Set(['reviews-1280', 'sign-in-390', 'dry-run-390', 'block-list-1280', 'import-1280', 'profile-error-390', 'profile-1280', 'webhooks-390', 'accounts-1280']);
const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;
const UI_TIMEOUT = 20_000;

interface ConsoleAccount {
  id: string;
  apiKey: string;
  name: string;
  slug: string;
  phone: string;
  webhookId: string;
}

/**
 * The compliance console as a business uses it: Debian's Chromium, headless, at a phone's
 * width and a laptop's, against the whole system on the real Redis and Postgres. Every
 * page is driven through its labels and buttons, as a keyboard or screen-reader user would
 * find them; the browser's console must stay free of errors.
 */
describe('the compliance console in a browser', () => {
  let system: RunningSystem;
  let receiver: HttpReceiver;
  /** Paths the CRM stand-in refuses (400: dead at once) until a test lets them through. */
  const refusing = new Set<string>();
  let browsers: HeadlessChromium;

  async function openPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const context = await browsers.open({ viewport });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    return { page, errors };
  }

  /** Console errors other than the browser's own line for a response the test provoked on purpose. */
  function unexpected(errors: string[], allowedStatuses: number[] = []): string[] {
    return errors.filter((line) => !allowedStatuses.some((status) => line.includes(`Failed to load resource: the server responded with a status of ${status}`)));
  }

  async function screenshot(page: Page, name: string, width: number, file = `${name}-${width}.png`): Promise<void> {
    if (!SCREENSHOTS || !SCREENSHOTS_KEPT.has(`${name}-${width}`)) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, file), animations: 'disabled' });
  }

  async function newAccount(name: string, slug: string, phone: string): Promise<ConsoleAccount> {
    const account = await system.createAccount(name);
    const transport = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url: receiver.url(`/sms/${slug}`) } });
    expect(transport.status).toBe(200);
    refusing.add(`/crm/${slug}`);
    const webhook = await system.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url: receiver.url(`/crm/${slug}`) } });
    expect(webhook.status).toBe(201);
    await text(system, account, phone, 'STOP');
    // The CRM refused it with a 400: dead at once, ready to be replayed from the console.
    await waitForDeliveryStatus(system, account, webhook.body.id, 'dead', 20_000);
    return { ...account, name, slug, phone, webhookId: webhook.body.id };
  }

  async function signIn(page: Page, credential: string): Promise<void> {
    await page.goto(`${system.baseUrl}/console`, { waitUntil: 'domcontentloaded' });
    await page.getByLabel('API key').fill(credential);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function openNav(page: Page, entry: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: entry, exact: true }).click();
  }

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    HeadlessChromium.assertInstalled();
    if (!existsSync(BUILT_CONSOLE)) throw new Error(`${BUILT_CONSOLE} is missing: run \`npm run build\` (it builds the console with Vite) before this suite`);
    receiver = stopLater(await new HttpReceiver().start());
    receiver.respondWith = (request) => (refusing.has(request.path) ? 400 : 200);
    system = stopLater(await RunningSystem.start());
    browsers = stopLater(new HeadlessChromium());
  }, 60_000);

  describe('serving', () => {
    it('serves the page with a strict CSP, no-cache, and its hashed assets cached for a year', async () => {
      for (const path of ['/console', '/console/', '/console/block-list']) {
        const page = await fetch(`${system.baseUrl}${path}`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.headers.get('cache-control')).toBe('no-cache');
        const csp = page.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(page.headers.get('x-frame-options')).toBe('DENY');
        const html = await page.text();
        // No inline script or style for the CSP to have to allow.
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(html).not.toMatch(/<style|style=/);
        const etag = page.headers.get('etag');
        expect((await fetch(`${system.baseUrl}${path}`, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
      }
      const assets = readdirSync(resolve(BUILT_CONSOLE, '../assets'));
      expect(assets.some((file) => /^index-[\w-]+\.js$/.test(file))).toBe(true);
      for (const file of assets) {
        const asset = await fetch(`${system.baseUrl}/console/assets/${file}`);
        expect(asset.status).toBe(200);
        expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(asset.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      }
      // A missing asset is a 404, not the page (a stale tab must not parse HTML as JavaScript).
      expect((await fetch(`${system.baseUrl}/console/assets/index-missing.js`)).status).toBe(404);
    });

    it('answers the endpoints the console added: the signed-in account, profile versions, event outcomes', async () => {
      const account = await system.createAccount('Endpoints Ltd');
      const me = await system.request('GET', '/v1/accounts/me', { token: account.apiKey });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: account.id, name: 'Endpoints Ltd' });
      expect((await system.request('GET', '/v1/accounts/me')).status).toBe(401);
      expect((await system.request('GET', '/v1/accounts/me', { token: TEST_ADMIN_TOKEN })).status).toBe(401);

      const empty = await system.request('GET', `/v1/accounts/${account.id}/compliance/versions`, { token: account.apiKey });
      expect(empty.body).toEqual({ items: [] });
      for (let save = 0; save < 2; save += 1) {
        expect((await system.request('PUT', `/v1/accounts/${account.id}/compliance`, { token: account.apiKey, json: {} })).status).toBe(200);
      }
      const versions = await system.request('GET', `/v1/accounts/${account.id}/compliance/versions`, { token: account.apiKey });
      expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
      // Which key saved each version: its id and the prefix of the key as the account holds it.
      for (const item of versions.body.items) expect(item.savedBy).toEqual({ apiKeyId: expect.any(String), keyPrefix: account.apiKey.slice(0, 12) });
      const other = await system.createAccount('Other Ltd');
      expect((await system.request('GET', `/v1/accounts/${account.id}/compliance/versions`, { token: other.apiKey })).status).toBe(404);

      const bad = await system.request('GET', `/v1/accounts/${account.id}/event-outcomes?eventId=not-an-id`, { token: account.apiKey });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]).toMatchObject({ field: 'eventId', rule: 'uuid' });
      expect((await system.request('GET', `/v1/accounts/${account.id}/event-outcomes`, { token: account.apiKey })).body.error.details[0]).toMatchObject({ field: 'eventId', rule: 'required' });
    });
  });

  describe.each(WIDTHS)('at $width px ($name)', ({ name, width, height }) => {
    let account: ConsoleAccount;

    /** The review of `subscriber`'s text once the classifier has queued it; on timeout, says what the queue held and the consent. */
    const reviewOf = (subscriber: string) =>
      waitFor(
        'the text to enter the review queue',
        async () => {
          const list = await system.request('GET', `/v1/accounts/${account.id}/reviews`, { token: account.apiKey });
          const found = list.body.items.find((item: { phone: string }) => item.phone === subscriber);
          if (found) return found;
          const consent = await system.request('GET', `/v1/accounts/${account.id}/consent/${encodeURIComponent(subscriber)}`, { token: account.apiKey });
          throw new Error(`no review from ${subscriber} yet (the queue holds ${JSON.stringify(list.body.items.map((item: { phone: string }) => item.phone))}; consent ${consent.body.status})`);
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      account = await newAccount(`Acme ${name}`, `acme-${name}`, width === 390 ? '+12025550139' : '+12025550128');
      ({ page, errors } = await openPage({ width, height }));
    }, 60_000);

    it('signs in with the API key, keeps it in sessionStorage only and shows the account name', async () => {
      await page.goto(`${system.baseUrl}/console`, { waitUntil: 'domcontentloaded' });
      await screenshot(page, 'sign-in', width);
      await signIn(page, account.apiKey);
      await page.getByTestId('signed-in-as').getByText(account.name).waitFor({ timeout: UI_TIMEOUT });
      for (const entry of ['Dry run', 'Block list', 'Profile', 'Reviews', 'Webhooks']) {
        await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: entry, exact: true }).waitFor({ timeout: UI_TIMEOUT });
      }
      // Evaluated in the page (the test's own TypeScript has no DOM types).
      const storage = await page.evaluate('({ session: Object.values(sessionStorage), local: Object.keys(localStorage).length, cookie: document.cookie })');
      expect(storage).toEqual({ session: [account.apiKey], local: 0, cookie: '' });
      // A reload keeps the tab signed in (sessionStorage), straight onto the same page.
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.getByTestId('signed-in-as').getByText(account.name).waitFor({ timeout: UI_TIMEOUT });
      expect(unexpected(errors)).toEqual([]);
    });

    it('classifies a text in a dry run and says the outcome, the rule and the reply cost', async () => {
      await openNav(page, 'Dry run');
      await page.getByLabel('Message', { exact: true }).fill('stop');
      await page.getByLabel('From', { exact: true }).fill('+12025550177');
      await page.getByRole('button', { name: 'Classify' }).click();
      await page.getByTestId('outcome').getByText('Opt-out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByTestId('reply-segments').textContent()).toMatch(/^1 SMS segment, GSM-7$/);
      await screenshot(page, 'dry-run', width);

      await page.getByLabel('Message', { exact: true }).fill('what time do you open?');
      await page.getByRole('button', { name: 'Classify' }).click();
      await page.getByTestId('outcome').getByText('No match', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      // Nothing was recorded: the dry run has no side effects.
      expect((await system.request('GET', `/v1/accounts/${account.id}/consent/%2B12025550177`, { token: account.apiKey })).body.status).toBe('unknown');
      expect(unexpected(errors)).toEqual([]);
    });

    it('finds a number by Enter in "Phone number" and shows its status and consent timeline', async () => {
      await openNav(page, 'Block list');
      const search = page.getByLabel('Phone number');
      await search.fill(account.phone);
      await search.press('Enter');
      await page.getByTestId('consent-status').getByText('Opted out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      const timeline = page.getByRole('list', { name: 'Consent timeline' });
      const row = timeline.getByRole('listitem').first();
      await row.getByText('Text message').waitFor({ timeout: UI_TIMEOUT });
      expect(await row.textContent()).toContain('STOP');
      // The webhook outcome of that event: the CRM refused it, so the delivery is dead.
      await row.getByText(/dead \(1 attempt\(s\), HTTP 400\)/).waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'block-list', width);

      // Opt in by hand, with a confirmation; the timeline grows by the manual row.
      await page.getByRole('button', { name: 'Opt in', exact: true }).click();
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByTestId('consent-status').getByText('Opted in', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      await timeline.getByText('By hand (API)').first().waitFor({ timeout: UI_TIMEOUT });
      expect((await system.request('GET', `/v1/accounts/${account.id}/consent/${encodeURIComponent(account.phone)}`, { token: account.apiKey })).body.status).toBe('opted_in');
      await page.getByRole('button', { name: 'Opt out', exact: true }).click();
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByTestId('consent-status').getByText('Opted out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(unexpected(errors)).toEqual([]);
    });

    it('pages the block list: "Next page" asks for the cursor the API gave, "First page" goes back', async () => {
      // A page holds 100; the first page's answer is given a cursor, and the page after that
      // cursor is answered here, so the pager's own behaviour is what is tested.
      const requested: string[] = [];
      const nextPage = { phone: '+12025550999', since: '2026-11-20T10:00:00.000Z', keyword: 'STOP', source: 'import' };
      await page.route(/\/blocklist\?limit=\d+(&cursor=[^&]+)?$/, async (route) => {
        const url = new URL(route.request().url());
        requested.push(url.searchParams.get('cursor') ?? '(first)');
        if (url.searchParams.get('cursor') === 'pager-test') return route.fulfill({ json: { items: [nextPage], nextCursor: null } });
        const response = await route.fetch();
        const body = (await response.json()) as { items: unknown[] };
        return route.fulfill({ response, json: { items: body.items, nextCursor: 'pager-test' } });
      });
      await openNav(page, 'Dry run');
      await openNav(page, 'Block list');
      const table = page.getByRole('table', { name: 'Blocked numbers' });
      await table.getByText(account.phone).waitFor({ timeout: UI_TIMEOUT });
      const first = page.getByRole('button', { name: 'First page', exact: true });
      const next = page.getByRole('button', { name: 'Next page', exact: true });
      expect(await first.isDisabled()).toBe(true);
      await next.click();
      await table.getByText(nextPage.phone).waitFor({ timeout: UI_TIMEOUT });
      expect(await table.getByText(account.phone).count()).toBe(0);
      expect(await next.isDisabled()).toBe(true);
      expect(requested.slice(-1)).toEqual(['pager-test']);
      await first.click();
      await table.getByText(account.phone).waitFor({ timeout: UI_TIMEOUT });
      expect(requested.slice(-1)).toEqual(['(first)']);
      await page.unroute(/\/blocklist\?limit=\d+(&cursor=[^&]+)?$/);
      expect(unexpected(errors)).toEqual([]);
    });

    it('imports a CSV file and shows the summary with the refused row and its reason', async () => {
      const csv = ['phone', '+12025550181', '+12025550182', 'not-a-number', ''].join('\n');
      await page.getByLabel('CSV file').setInputFiles({ name: 'opt-outs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const summary = page.getByTestId('import-summary');
      await summary.waitFor({ timeout: UI_TIMEOUT });
      const facts = await summary.locator('dt, dd').allTextContents();
      expect(facts).toEqual(['Applied', '2', 'Unchanged', '0', 'Refused', '1']);
      expect(await summary.getByRole('list', { name: 'Refused rows' }).textContent()).toMatch(/^Row \d+: /);
      // The list below shows the imported numbers.
      await page.getByRole('table', { name: 'Blocked numbers' }).getByText('+12025550182').waitFor({ timeout: UI_TIMEOUT });
      expect((await system.request('GET', `/v1/accounts/${account.id}/consent/%2B12025550181`, { token: account.apiKey })).body.status).toBe('opted_out');
      await summary.scrollIntoViewIfNeeded();
      await screenshot(page, 'import', width);
      expect(unexpected(errors)).toEqual([]);
    });

    it('edits the profile: an invalid keyword is refused at its field, the draft is dry-run, the fix saves', async () => {
      await openNav(page, 'Profile');
      const addKeyword = page.getByRole('button', { name: 'Add opt-out keyword' }).first();
      await addKeyword.waitFor({ timeout: UI_TIMEOUT });
      const keywords = page.getByRole('group', { name: 'Opt-out keywords' }).first().getByRole('textbox');
      const before = await keywords.count();
      await addKeyword.click();
      const added = page.getByLabel(`Opt-out keyword ${before + 1}`, { exact: true });
      await added.fill('ST@P');

      // The live segment counter follows the message as it is typed.
      const message = page.getByLabel('Opt-out message', { exact: true });
      // The em dash is not in GSM-7: the counter says UCS-2 as the text is typed.
      await message.fill('Stopped — no more texts.');
      await page.locator('#field-optOut-message-count').getByText('UCS-2').waitFor({ timeout: UI_TIMEOUT });

      await page.getByRole('button', { name: 'Save profile' }).click();
      const fieldError = page.locator(`[data-path="optOut.keywords[${before}]"]`);
      await fieldError.waitFor({ timeout: UI_TIMEOUT });
      expect(await fieldError.textContent()).toContain('ST@P');
      expect(await added.getAttribute('aria-invalid')).toBe('true');
      expect(await added.getAttribute('aria-describedby')).toBe(await fieldError.getAttribute('id'));
      await added.scrollIntoViewIfNeeded();
      await screenshot(page, 'profile-error', width);
      expect((await system.request('GET', `/v1/accounts/${account.id}/compliance/versions`, { token: account.apiKey })).body.items).toEqual([]);

      // The draft, unsaved, classifies the new keyword in the panel beside the editor.
      await added.fill('HALTNOW');
      await page.getByLabel('Message', { exact: true }).fill('haltnow');
      await page.getByRole('button', { name: 'Classify' }).click();
      const draftOutcome = page.getByRole('region', { name: 'Dry run against this draft' });
      await draftOutcome.getByTestId('outcome').getByText('Opt-out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(await draftOutcome.textContent()).toContain('unsaved draft');

      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Saved as version 1.').waitFor({ timeout: UI_TIMEOUT });
      expect(await fieldError.count()).toBe(0);
      const saved = await system.request('GET', `/v1/accounts/${account.id}/compliance`, { token: account.apiKey });
      expect(saved.body.optOut.keywords).toContain('HALTNOW');
      expect(saved.body.optOut.message).toBe('Stopped — no more texts.');
      // The version list says when and with which key (its prefix) the version was saved.
      const prefix = account.apiKey.slice(0, 12).replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      await page.getByText(new RegExp(`^Version 1 · .* · key ${prefix}… \\(current\\)$`)).waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'profile', width);
      // The one refused save is the only failed request the browser reports.
      expect(unexpected(errors, [400])).toEqual([]);
      errors.length = 0;
    });

    it('marks a refused override at its own field (a nested path)', async () => {
      await openNav(page, 'Profile');
      await page.getByRole('button', { name: 'Add override' }).click();
      await page.getByLabel('Country', { exact: true }).fill('UK');
      await page.getByRole('button', { name: 'Save profile' }).click();
      const countryError = page.locator('[data-path="overrides[0].country"]');
      await countryError.waitFor({ timeout: UI_TIMEOUT });
      expect(await countryError.textContent()).toMatch(/GB/);
      expect(await page.getByLabel('Country', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('button', { name: 'Remove override 1' }).click();
      expect(unexpected(errors, [400])).toEqual([]);
      errors.length = 0;
    });

    it('adds an endpoint and rotates its secret, each secret shown once', async () => {
      await openNav(page, 'Webhooks');
      await page.getByLabel('Endpoint URL').fill(receiver.url(`/crm/${account.slug}-second`));
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = page.getByLabel('Signing secret', { exact: true });
      await secret.waitFor({ timeout: UI_TIMEOUT });
      const first = await secret.inputValue();
      expect(first).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'I have copied it' }).click();
      expect(await secret.count()).toBe(0);
      const endpoint = page.getByRole('listitem').filter({ hasText: `/crm/${account.slug}-second` });
      await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
      await endpoint.getByRole('button', { name: 'Confirm' }).click();
      await secret.waitFor({ timeout: UI_TIMEOUT });
      const second = await secret.inputValue();
      expect(second).toMatch(/^whsec_/);
      expect(second).not.toBe(first);
      await endpoint.getByText(/old secret still signs until/).waitFor({ timeout: UI_TIMEOUT });
      // The API never shows either again.
      const listed = await system.request('GET', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey });
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');
      await page.getByRole('button', { name: 'I have copied it' }).click();
      expect(unexpected(errors)).toEqual([]);
    });

    it('replays a dead webhook delivery', async () => {
      await openNav(page, 'Webhooks');
      // The endpoint whose delivery died (the previous test added a second one and showed it).
      await page
        .getByRole('listitem')
        .filter({ has: page.getByText(receiver.url(`/crm/${account.slug}`), { exact: true }) })
        .getByRole('button', { name: 'Show deliveries' })
        .click();
      const delivery = page.getByTestId('delivery').filter({ hasText: 'consent.opted_out' }).filter({ hasText: 'dead' }).first();
      await delivery.waitFor({ timeout: UI_TIMEOUT });
      await screenshot(page, 'webhooks', width);
      refusing.delete(`/crm/${account.slug}`);
      await delivery.getByRole('button', { name: 'Replay' }).click();
      await delivery.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText(/is being sent again/).waitFor({ timeout: UI_TIMEOUT });
      const replayed = await waitFor(
        'the replayed delivery to succeed',
        async () => (await deliveriesOf(system, account, account.webhookId)).find((item) => item.replays === 1 && item.status === 'succeeded'),
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      expect(replayed.attempts.map((attempt: { round: number }) => attempt.round)).toContain(1);
      expect(unexpected(errors)).toEqual([]);
    });

    it('lists an ambiguous text in Reviews (reasonable mode); "Opt out" there blocks the number', async () => {
      const profile = await system.request('GET', `/v1/accounts/${account.id}/compliance`, { token: account.apiKey });
      const { optOut, optIn, help, overrides } = profile.body;
      const saved = await system.request('PUT', `/v1/accounts/${account.id}/compliance`, { token: account.apiKey, json: { optOut, optIn, help, overrides, revocation: { mode: 'reasonable' } } });
      expect(saved.status).toBe(200);
      const subscriber = width === 390 ? '+12025550161' : '+12025550162';
      await text(system, account, subscriber, 'wrong number');
      const queued = await reviewOf(subscriber);
      expect(queued.rule).toMatch(/\.wrong-number$/);
      // An older text, past its 10-business-day deadline: listed first, marked overdue.
      const late = width === 390 ? '+12025550165' : '+12025550166';
      await text(system, account, late, 'not interested', new Date(Date.now() - 20 * 86_400_000).toISOString());
      await waitFor(
        'the older text to enter the review queue',
        async () => {
          const list = await system.request('GET', `/v1/accounts/${account.id}/reviews`, { token: account.apiKey });
          if (list.body.items[0]?.phone !== late) throw new Error(`the queue starts with ${list.body.items[0]?.phone}`);
          return list.body.items[0];
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );

      // The dry run names the phrase rule of a phrase opt-out.
      await openNav(page, 'Dry run');
      await page.getByLabel('Message', { exact: true }).fill('please stop texting me');
      await page.getByRole('button', { name: 'Classify' }).click();
      await page.getByTestId('outcome').getByText('Opt-out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByTestId('keyword-or-rule').textContent()).toMatch(/^phrase rule en\./);

      await openNav(page, 'Reviews');
      const item = page.getByRole('list', { name: 'Pending reviews' }).getByTestId('review').filter({ hasText: subscriber });
      await item.getByText('wrong number', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(await item.textContent()).toContain(queued.rule);
      expect(await item.locator('time').first().getAttribute('datetime')).toBe(queued.receivedAt);
      expect(await item.getByText('Overdue').count()).toBe(0);
      const first = page.getByTestId('review').first();
      await first.getByText(late).waitFor({ timeout: UI_TIMEOUT });
      await first.getByText('Overdue', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      await item.scrollIntoViewIfNeeded();
      await screenshot(page, 'reviews', width, 'reviews.png');
      await item.getByRole('button', { name: 'Opt out', exact: true }).click();
      // The confirmation appears in place and takes the focus; Cancel leaves the review as it was.
      await item.getByRole('button', { name: 'Cancel' }).click();
      await item.getByRole('button', { name: 'Opt out', exact: true }).click();
      await item.getByRole('button', { name: 'Confirm' }).click();
      await item.getByRole('status').getByText(/^Opted out: /).waitFor({ timeout: UI_TIMEOUT });

      // The API holds the decision too.
      const decided = await system.request('GET', `/v1/accounts/${account.id}/reviews?status=decided`, { token: account.apiKey });
      expect(decided.body.items.find((review: { id: string }) => review.id === queued.id)).toMatchObject({ decision: 'optOut' });

      await openNav(page, 'Block list');
      const search = page.getByLabel('Phone number');
      await search.fill(subscriber);
      await search.press('Enter');
      await page.getByTestId('consent-status').getByText('Opted out', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      const row = page.getByRole('list', { name: 'Consent timeline' }).getByRole('listitem').first();
      await row.getByText('Review queue decision').waitFor({ timeout: UI_TIMEOUT });
      expect(await row.textContent()).toContain(`phrase rule ${queued.rule}`);
      expect(unexpected(errors)).toEqual([]);
    });

    it('"More" loads the next page of reviews after the cursor', async () => {
      const subscriber = width === 390 ? '+12025550167' : '+12025550168';
      await text(system, account, subscriber, 'wrong number');
      await reviewOf(subscriber);
      // A page holds 100; to see "More" with a few texts, the first page is cut to its first item
      // and given that item's cursor (the API's own format), so the second page is the real API's.
      await page.route(/\/reviews\?status=pending$/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { items: Array<{ id: string; receivedAt: string }> };
        const [first] = body.items;
        await route.fulfill({ response, json: { items: [first], nextCursor: Buffer.from(`${Date.parse(first.receivedAt)}.${first.id}`).toString('base64url') } });
      });
      await openNav(page, 'Block list');
      await openNav(page, 'Reviews');
      const items = page.getByRole('list', { name: 'Pending reviews' }).getByTestId('review');
      await items.first().waitFor({ timeout: UI_TIMEOUT });
      expect(await items.count()).toBe(1);
      expect(await items.filter({ hasText: subscriber }).count()).toBe(0);
      await page.getByRole('button', { name: 'More', exact: true }).click();
      await items.filter({ hasText: subscriber }).waitFor({ timeout: UI_TIMEOUT });
      expect(await items.count()).toBeGreaterThan(1);
      await page.unroute(/\/reviews\?status=pending$/);
      expect(unexpected(errors)).toEqual([]);
    });

    it('says in words that a review was already decided (409)', async () => {
      const subscriber = width === 390 ? '+12025550163' : '+12025550164';
      await text(system, account, subscriber, 'wrong number');
      const queued = await reviewOf(subscriber);
      await openNav(page, 'Block list');
      await openNav(page, 'Reviews');
      const item = page.getByTestId('review').filter({ hasText: subscriber });
      await item.waitFor({ timeout: UI_TIMEOUT });
      // Someone else dismisses it (through the API) while the page shows it.
      expect((await system.request('POST', `/v1/accounts/${account.id}/reviews/${queued.id}`, { token: account.apiKey, json: { decision: 'dismiss' } })).status).toBe(200);
      await item.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await item.getByRole('button', { name: 'Confirm' }).click();
      await item.getByRole('alert').getByText(/^Already decided/).waitFor({ timeout: UI_TIMEOUT });
      expect(unexpected(errors, [409])).toEqual([]);
      errors.length = 0;
    });

    it('every control is reachable by keyboard with a visible focus', async () => {
      await openNav(page, 'Dry run');
      await page.goto(`${system.baseUrl}/console/dry-run`, { waitUntil: 'domcontentloaded' });
      await page.getByLabel('Message', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      const reached = new Set<string>();
      for (let press = 0; press < 20; press += 1) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(`(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          return { name: element.getAttribute('aria-label') ?? element.textContent.trim(), id: element.id, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
        })()`)) as { name: string; id: string; outline: boolean } | null;
        if (!focused) continue;
        expect(focused.outline).toBe(true);
        reached.add(focused.id || focused.name);
      }
      for (const control of ['Dry run', 'Block list', 'Profile', 'Reviews', 'Webhooks', 'Sign out', 'dry-run-message', 'dry-run-from', 'Classify']) expect(reached).toContain(control);
      expect(unexpected(errors)).toEqual([]);
    });
  });

  it('shows the operator, signed in with the admin token, the accounts and the way to the queue dashboard', async () => {
    const { page, errors } = await openPage({ width: 1280, height: 800 });
    const account = await system.createAccount('Operator View Inc');
    await signIn(page, TEST_ADMIN_TOKEN);
    await page.getByText('Operator (admin token)').waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('table', { name: 'Accounts' }).getByText(account.id).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByRole('link', { name: 'queue dashboard' }).getAttribute('href')).toBe('/ops/queues');
    await screenshot(page, 'accounts', 1280);
    expect(unexpected(errors)).toEqual([]);
  });

  it('says so when the API answers 503, and refuses a wrong credential in words', async () => {
    const { page, errors } = await openPage({ width: 390, height: 844 });
    await signIn(page, 'ook_not-a-key-of-anyone');
    await page.getByRole('alert').getByText('neither an account API key nor the admin token').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    const account = await system.createAccount('Outage Co');
    // The block list answering as the API does while Postgres is unreachable.
    await page.route(/\/v1\/accounts\/[^/]+\/blocklist\?/, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', headers: { 'retry-after': '5' }, body: JSON.stringify({ error: { code: 'database_unavailable', message: 'The database cannot be reached just now; retry shortly', details: [] } }) }),
    );
    await signIn(page, account.apiKey);
    await openNav(page, 'Block list');
    await page.getByRole('alert').getByText(/unavailable just now \(503\): The database cannot be reached/).waitFor({ timeout: UI_TIMEOUT });
    expect(unexpected(errors, [401, 503])).toEqual([]);
  });
});
