import IORedis from 'ioredis';
import { CompiledProfileCache, profileChangeChannel } from '@optout/profiles';
import { waitFor } from '../support/wait-for';
import { askGate } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

/**
 * The compliance profile API on the whole system (real Redis and Postgres): save, refuse,
 * versions, the dry run, and what a saved profile does to real inbound texts — replies per
 * override, HELP whatever the state, the loop guard, segments in the webhook.
 */
describe('compliance profiles through the API', () => {
  const FRENCH_OPT_OUT = 'Bloom : vous êtes désabonné. Répondez START pour revenir.'; // ê: UCS-2
  const CANADA_OPT_OUT = 'Bloom Canada: you are unsubscribed. Reply START to come back.';
  const GLOBAL_OPT_OUT = 'Bloom: you are unsubscribed. Reply START to come back.';
  const canadianProfile = {
    optOut: { keywords: ['STOP', 'UNSUBSCRIBE'], message: GLOBAL_OPT_OUT },
    optIn: { keywords: ['START'], message: 'Bloom: welcome back. Reply HELP for help, STOP to stop.' },
    help: { keywords: ['HELP'], message: 'Bloom: call +1 555 0100. Reply STOP to stop.' },
    overrides: [
      { language: 'fr', optOut: { keywords: ['ARRET'], message: FRENCH_OPT_OUT } },
      { country: 'CA', optOut: { message: CANADA_OPT_OUT } },
    ],
  };

  const suite = suiteFixture(async (stopLater) => {
    const wired = await startWiredAccount(stopLater, 'Bloom Florist');
    return { ...wired, other: await wired.system.createAccount('Someone else') };
  });

  const call = (method: string, path: string, json?: unknown, key = suite.account.apiKey, accountId = suite.account.id) =>
    suite.system.request(method, `/v1/accounts/${accountId}${path}`, { token: key, json });
  const classify = (json: unknown) => call('POST', '/compliance/classify', json);
  const savedVersions = async () =>
    (await suite.system.sql<{ version: number }>('SELECT version FROM compliance_profiles WHERE account_id = $1 ORDER BY version', [suite.account.id])).map((row) => row.version);

  it('keeps one compiled-profile cache and one change subscription in the all-in-one process', async () => {
    await waitFor('the subscription', () => (suite.system.app.get(CompiledProfileCache).isPushActive ? true : undefined));
    const redis = new IORedis(suite.system.config.redisUrl);
    try {
      const [, listeners] = (await redis.pubsub('NUMSUB', profileChangeChannel(suite.system.config))) as [string, number];
      expect(Number(listeners)).toBe(1); // classifier and gateway share it
    } finally {
      redis.disconnect();
    }
  });

  it('answers the defaults as version 0 for an account that never saved a profile', async () => {
    const response = await call('GET', '/compliance');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 0, savedAt: null, overrides: [], warnings: [] });
    expect(response.body.optOut.keywords).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
    expect(response.body.optIn.keywords).toEqual(['START', 'UNSTOP', 'YES']);
    expect(response.body.help.keywords).toEqual(['HELP', 'INFO']);
  });

  it('refuses a bad profile whole, in one 400 that lists every broken rule with its path, and stores nothing', async () => {
    const response = await call('PUT', '/compliance', {
      optOut: { keywords: ['STOP', 'YES'] },
      optIn: { keywords: 'START' },
      overrides: [
        { language: 'es', optOut: { keywords: ['PARAR'] } },
        { language: 'pt', optOut: { keywords: ['PARAR'] } },
        { country: 'UK', help: { message: '' } },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toMatch(/rules are broken/);
    const byPath = Object.fromEntries(response.body.error.details.map((detail: { path: string; rule: string }) => [detail.path, detail.rule]));
    expect(byPath).toMatchObject({
      'optIn.keywords': 'invalid_type',
      'overrides[1].optOut.keywords[0]': 'duplicate_keyword_same_specificity',
      'overrides[2].country': 'invalid_country',
      'overrides[2].help.message': 'message_length',
    });
    for (const detail of response.body.error.details) {
      expect(detail).toEqual({ path: expect.any(String), field: detail.path, rule: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
    }
    expect((await call('GET', '/compliance')).body.version).toBe(0);
    expect(await savedVersions()).toEqual([]);
  });

  it('saves each valid profile as a new version, answering the effective profile with its warnings', async () => {
    const saved = await call('PUT', '/compliance', { ...canadianProfile, optOut: { keywords: ['UNSUBSCRIBE'], message: GLOBAL_OPT_OUT } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, savedAt: expect.any(String), overrides: canadianProfile.overrides });
    expect(saved.body.optOut.keywords).toEqual(['STOP', 'UNSUBSCRIBE']); // STOP put back, with a warning
    const rules = saved.body.warnings.map((warning: { rule: string }) => warning.rule);
    expect(rules).toEqual(expect.arrayContaining(['stop_keyword_added']));

    const long = `Bloom: ${'you are unsubscribed and will get no more texts. '.repeat(4)}Reply START to come back.`;
    const second = await call('PUT', '/compliance', { ...canadianProfile, help: { keywords: ['HELP'], message: long } });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);
    expect(second.body.warnings).toEqual([
      expect.objectContaining({ path: 'help.message', rule: 'message_multi_segment', message: expect.stringContaining("takes 2 SMS segments") }),
    ]);
    expect(await savedVersions()).toEqual([1, 2]);
  });

  it('returns the latest version, an older one on ?version=N, and 404 for one that does not exist', async () => {
    const latest = await call('GET', '/compliance');
    expect(latest.body).toMatchObject({ version: 2, overrides: canadianProfile.overrides });
    const first = await call('GET', '/compliance?version=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, help: canadianProfile.help });
    expect((await call('GET', '/compliance?version=0')).body).toMatchObject({ version: 0, savedAt: null });
    const missing = await call('GET', '/compliance?version=9');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await call('GET', '/compliance?version=two');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'version' });
  });

  it('takes back what GET answered (version, savedAt and warnings are ignored) as the same profile', async () => {
    const current = (await call('GET', '/compliance')).body;
    const saved = await call('PUT', '/compliance', { ...current, help: canadianProfile.help });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 3, optOut: current.optOut, optIn: current.optIn, help: canadianProfile.help, overrides: current.overrides });
  });

  it("hides the profile from another account's key", async () => {
    expect((await call('GET', '/compliance', undefined, suite.other.apiKey)).status).toBe(404);
    expect((await call('PUT', '/compliance', canadianProfile, suite.other.apiKey)).status).toBe(404);
    expect((await call('POST', '/compliance/classify', { from: '+12025550199', body: 'STOP' }, suite.other.apiKey)).status).toBe(404);
    expect((await call('GET', '/compliance', undefined, suite.other.apiKey, suite.other.id)).body.version).toBe(0);
  });

  it('dry-runs the Canadian English/French example, with segments, and changes nothing', async () => {
    const canadian = '+15145550100';
    const american = '+12025550142';
    const frenchStop = await classify({ from: canadian, to: '+12025550100', body: 'ARRÊT' });
    expect(frenchStop.status).toBe(200);
    expect(frenchStop.body).toEqual({
      kind: 'optOut',
      match: 'keyword',
      rule: null,
      keyword: 'ARRET',
      scope: { language: 'fr' },
      language: 'fr',
      country: 'CA',
      reply: FRENCH_OPT_OUT,
      replySegments: { encoding: 'UCS-2', segments: 1, units: FRENCH_OPT_OUT.length },
      profileVersion: 3,
    });
    expect((await classify({ from: canadian, body: 'stop' })).body).toMatchObject({ kind: 'optOut', scope: {}, language: null, reply: CANADA_OPT_OUT, replySegments: { encoding: 'GSM-7', segments: 1 } });
    expect((await classify({ from: american, body: 'arret' })).body).toMatchObject({ kind: 'optOut', language: 'fr', country: 'US', reply: FRENCH_OPT_OUT });
    expect((await classify({ from: american, body: 'Stop please' })).body).toEqual({
      kind: null, match: null, rule: null, keyword: null, scope: null, language: null, country: 'US', reply: null, replySegments: null, profileVersion: 3,
    });

    expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1', [suite.account.id])).toEqual([]);
    const gate = await askGate(suite.system, suite.account, canadian);
    expect(gate.body).toMatchObject({ allowed: true, status: 'unknown' });
    expect(suite.receiver.requests).toEqual([]);
  });

  it('dry-runs a draft profile without saving it, and refuses a bad draft with paths under "profile"', async () => {
    const draft = { optOut: { keywords: ['STOP', 'HALT'] } };
    expect((await classify({ from: '+12025550142', body: 'halt', profile: draft })).body).toMatchObject({ kind: 'optOut', keyword: 'HALT', profileVersion: null });
    expect((await classify({ from: '+12025550142', body: 'halt' })).body).toMatchObject({ kind: null, profileVersion: 3 });
    const refused = await classify({ from: '+12025550142', body: 'halt', profile: { optOut: { keywords: ['ST@P'] } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'profile.optOut.keywords[0]', rule: 'keyword_invalid_characters' })]);
    expect(await savedVersions()).toEqual([1, 2, 3]);
  });

  it('refuses a dry run with a number that cannot be a phone number, or an unknown field', async () => {
    const badPhone = await classify({ from: 'call me', body: 'STOP' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details).toEqual([expect.objectContaining({ field: 'from', rule: 'phone_number' })]);
    const unknown = await classify({ from: '+12025550142', body: 'STOP', country: 'US' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'country', rule: 'unknown_field' })]);
  });

  describe('on real inbound texts', () => {
    const subscriber = '+15145550123'; // Canadian
    const sender = '+12025550100';
    let sent = 0;
    const inbound = async (body: string, minute: number) => {
      sent += 1;
      const response = await suite.system.request('POST', '/v1/inbound', {
        token: suite.account.apiKey,
        json: { accountId: suite.account.id, messageId: `live-${sent}`, from: subscriber, to: sender, body, receivedAt: `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z` },
      });
      expect(response.status).toBe(202);
      return `live-${sent}`;
    };
    const replies = (kind?: string) =>
      suite.receiver.on('/sms').map((request) => request.json as { body: string; kind: string; to: string }).filter((reply) => !kind || reply.kind === kind);
    const webhooks = () => suite.receiver.on('/crm').map((request) => request.json as { type: string; data: Record<string, any> });
    const webhookOf = (messageId: string) => waitFor(`the webhook of ${messageId}`, () => webhooks().find((hook) => hook.data.messageId === messageId));
    /** Texts `body`; its webhook says `optOutType` with the reply queued, and the subscriber gets `message`, the first reply of its kind. */
    const expectRepliedAtOnce = async (body: string, minute: number, optOutType: string, kind: string, message: string) => {
      const messageId = await inbound(body, minute);
      expect((await webhookOf(messageId)).data).toMatchObject({ optOutType, replyStatus: 'queued' });
      await waitFor(`the ${kind} reply`, () => (replies(kind).length === 1 ? true : undefined));
      expect(replies(kind)[0]).toMatchObject({ to: subscriber, body: message });
    };

    it('opts out with the reply of the matched override, and tells the CRM what the reply costs', async () => {
      const messageId = await inbound('Arrêt', 0);
      const hook = await webhookOf(messageId);
      expect(hook.type).toBe('consent.opted_out');
      expect(hook.data).toMatchObject({
        keyword: 'ARRET',
        language: 'fr',
        country: 'CA',
        replyStatus: 'queued',
        replySegments: { encoding: 'UCS-2', segments: 1, units: FRENCH_OPT_OUT.length },
      });
      await waitFor('the French confirmation', () => (replies().length === 1 ? true : undefined));
      expect(replies('optOut')[0]).toMatchObject({ kind: 'optOut', to: subscriber, body: FRENCH_OPT_OUT });
      const [row] = await suite.system.sql<{ profile_version: number; scope: unknown }>(
        'SELECT profile_version, scope FROM consent_events WHERE account_id = $1 AND source_message_id = $2',
        [suite.account.id, messageId],
      );
      expect(row).toEqual({ profile_version: 3, scope: { language: 'fr' } });
    });

    it('answers HELP while the subscriber is opted out', async () => {
      // The spec: help is answered "whatever the state"; only the opt-out confirmation bypasses the gate
      // among the kinds that change state, and HELP changes none.
      await expectRepliedAtOnce('help', 1, 'HELP', 'help', canadianProfile.help.message);
    });

    it('holds back a second opt-out confirmation within 10 minutes, but records the match and sends the webhook', async () => {
      const again = await inbound('STOP', 2);
      const hook = await webhookOf(again);
      expect(hook.data).toMatchObject({ optOutType: 'STOP', keyword: 'STOP', replyStatus: 'withheld', replySegments: { encoding: 'GSM-7', segments: 1 } });
      await suite.system.waitUntilQueuesDrain();
      expect(replies('optOut')).toHaveLength(1);
      const rows = await suite.system.sql<{ kind: string; keyword: string }>(
        'SELECT kind, keyword FROM consent_events WHERE account_id = $1 AND phone = $2 ORDER BY received_at',
        [suite.account.id, subscriber],
      );
      expect(rows).toEqual([
        { kind: 'optOut', keyword: 'ARRET' },
        { kind: 'help', keyword: 'HELP' },
        { kind: 'optOut', keyword: 'STOP' },
      ]);
    });

    it('still sends a confirmation of another kind (opt-in) at once', async () => {
      await expectRepliedAtOnce('START', 3, 'START', 'optIn', canadianProfile.optIn.message);
    });
  });

  it('gives saves made at the same instant consecutive versions, none lost', async () => {
    const before = (await call('GET', '/compliance')).body.version;
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('PUT', '/compliance', canadianProfile)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.body.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5].map((n) => before + n));
  });
});
