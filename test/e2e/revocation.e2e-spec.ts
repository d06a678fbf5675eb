import { metricsRegistry } from '@optout/observability';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';
import { startWiredAccount } from '../support/wired-account';

/**
 * Revocation by reasonable means on the whole system (real Redis and Postgres): the profile
 * setting, the dry run, a phrase opt-out blocking at the gate like a keyword, an ambiguous
 * text waiting in the review queue, a decision blocking, and a later START still winning.
 */
describe('revocation by reasonable means', () => {
  const suite = suiteFixture(async (stopLater) => {
    const wired = await startWiredAccount(stopLater, 'Bloom Florist');
    return { ...wired, keyId: await wired.system.apiKeyIdOf(wired.account.id) };
  });
  const sender = '+12025550100';
  let sent = 0;

  const call = (method: string, path: string, json?: unknown) =>
    suite.system.request(method, `/v1/accounts/${suite.account.id}${path}`, { token: suite.account.apiKey, json });
  const inbound = async (from: string, body: string, receivedAt: string) => {
    sent += 1;
    const messageId = `rv-${sent}`;
    const response = await suite.system.request('POST', '/v1/inbound', {
      token: suite.account.apiKey,
      json: { accountId: suite.account.id, messageId, from, to: sender, body, receivedAt },
    });
    expect(response.status).toBe(202);
    return messageId;
  };
  const webhooks = () => suite.receiver.on('/crm').map((request) => request.json as { type: string; data: Record<string, any> });
  const webhookOf = (type: string, messageId: string) =>
    waitFor(`the ${type} webhook of ${messageId}`, () => webhooks().find((hook) => hook.type === type && hook.data.messageId === messageId));
  const pendingReviews = async () => (await call('GET', '/reviews')).body.items as Array<Record<string, any>>;
  const reviewOf = (messageId: string) => waitFor(`the review of ${messageId}`, async () => (await pendingReviews()).find((item) => item.messageId === messageId));

  it('keeps keywords mode by default, and refuses an unknown mode naming the field and the rule', async () => {
    expect((await call('GET', '/compliance')).body.revocation).toEqual({ mode: 'keywords' });
    const refused = await call('PUT', '/compliance', { revocation: { mode: 'loose' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'revocation.mode', rule: 'invalid_revocation_mode' })]);
    expect((await call('GET', '/compliance')).body.version).toBe(0);
  });

  it('in keywords mode, a phrase changes nothing', async () => {
    const result = await call('POST', '/compliance/classify', { from: '+12025550111', body: 'Please stop texting me' });
    expect(result.body).toMatchObject({ kind: null, match: null, rule: null });
  });

  it('saves reasonable mode as a new version, and the dry run shows the outcome and the rule', async () => {
    const saved = await call('PUT', '/compliance', { revocation: { mode: 'reasonable' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, revocation: { mode: 'reasonable' } });
    const classify = async (body: string) => (await call('POST', '/compliance/classify', { from: '+12025550111', body })).body;
    expect(await classify('Please stop texting me')).toMatchObject({ kind: 'optOut', match: 'phrase', rule: 'en.stop-texting', keyword: null, language: 'en', profileVersion: 1 });
    expect(await classify('wrong number')).toMatchObject({ kind: 'review', match: 'phrase', rule: 'en.wrong-number', reply: null });
    expect(await classify('STOP')).toMatchObject({ kind: 'optOut', match: 'keyword', rule: null, keyword: 'STOP' });
    expect(await classify("I'll stop by later")).toMatchObject({ kind: null, match: null });
  });

  it('a phrase opt-out goes the keyword path: ledger, state, gate, confirmation in its language, webhook with the rule', async () => {
    const subscriber = '+12025550121';
    const messageId = await inbound(subscriber, 'Dejen de enviarme mensajes, por favor', '2026-11-26T10:00:00.000Z');
    const hook = await webhookOf('consent.opted_out', messageId);
    expect(hook.data).toMatchObject({ keyword: null, match: 'phrase', rule: 'es.stop-texting', language: 'es', source: 'sms', replyStatus: 'queued' });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out' });
    await waitFor('the confirmation', () => suite.receiver.on('/sms').find((request) => (request.json as { to: string }).to === subscriber));
    expect((suite.receiver.on('/sms').find((request) => (request.json as { to: string }).to === subscriber)!.json as { body: string }).body).toMatch(/Te has dado de baja/);
    const [row] = await suite.system.sql('SELECT kind, keyword, match, rule, source FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [suite.account.id, messageId]);
    expect(row).toEqual({ kind: 'optOut', keyword: null, match: 'phrase', rule: 'es.stop-texting', source: 'sms' });
    const history = await call('GET', `/consent/${encodeURIComponent(subscriber)}`);
    expect(history.body).toMatchObject({ status: 'opted_out', history: [expect.objectContaining({ match: 'phrase', rule: 'es.stop-texting', keyword: null })] });
  });

  it('an ambiguous text waits in the review queue: nothing at the gate, a webhook, the deadline, the metrics', async () => {
    const subscriber = '+12025550131';
    const messageId = await inbound(subscriber, 'wrong number', '2026-11-27T15:00:00.000Z'); // a Friday
    const item = await reviewOf(messageId);
    expect(item).toMatchObject({ phone: subscriber, body: 'wrong number', rule: 'en.wrong-number', status: 'pending', receivedAt: '2026-11-27T15:00:00.000Z', deadline: '2026-12-11T15:00:00.000Z' });
    const hook = await webhookOf('consent.review_requested', messageId);
    expect(hook.data).toMatchObject({ eventId: item.id, rule: 'en.wrong-number', deadline: item.deadline, body: 'wrong number' });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true });
    const metrics = await metricsRegistry.getSingleMetricAsString('optout_reviews_pending');
    expect(metrics).toMatch(/optout_reviews_pending(\{[^}]*\})? [1-9]/);
    expect(await metricsRegistry.getSingleMetricAsString('optout_reviews_oldest_pending_age_seconds')).toMatch(/optout_reviews_oldest_pending_age_seconds(\{[^}]*\})? [1-9]/);
  });

  it('lists pending reviews oldest first, with a cursor', async () => {
    const first = await inbound('+12025550141', 'who is this?', '2026-11-20T09:00:00.000Z');
    await reviewOf(first);
    const all = await pendingReviews();
    const times = all.map((item) => item.receivedAt);
    expect(times).toEqual([...times].sort());
    expect(all[0].messageId).toBe(first);
    const refused = await call('GET', '/reviews?cursor=nonsense');
    expect(refused.status).toBe(400);
    expect((await call('GET', '/reviews?status=later')).status).toBe(400);
  });

  it('an optOut decision blocks as of the text, is kept with the deciding key, and a second decision is 409', async () => {
    const subscriber = '+12025550131';
    const item = (await pendingReviews()).find((review) => review.phone === subscriber)!;
    const decided = await call('POST', `/reviews/${item.id}`, { decision: 'optOut' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id: item.id, status: 'decided', decision: 'optOut', decidedAt: expect.any(String), decidedBy: suite.keyId });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out', since: '2026-11-27T15:00:00.000Z' });
    const hook = await webhookOf('consent.opted_out', item.messageId);
    expect(hook.data).toMatchObject({ source: 'review', match: 'phrase', rule: 'en.wrong-number', keyword: null });
    const [row] = await suite.system.sql('SELECT source, api_key_id, received_at FROM consent_events WHERE account_id = $1 AND source_message_id = $2', [suite.account.id, item.messageId]);
    expect(row).toEqual({ source: 'review', api_key_id: suite.keyId, received_at: new Date('2026-11-27T15:00:00.000Z') });

    const again = await call('POST', `/reviews/${item.id}`, { decision: 'dismiss' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('review_already_decided');
    const decidedList = (await call('GET', '/reviews?status=decided')).body.items;
    expect(decidedList).toEqual([expect.objectContaining({ id: item.id, decision: 'optOut' })]);
  });

  it('refuses a bad decision with a 400 naming the field, and an unknown review with 404', async () => {
    const item = (await pendingReviews())[0];
    const bad = await call('POST', `/reviews/${item.id}`, { decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/decision/);
    expect((await call('POST', '/reviews/00000000-0000-4000-8000-000000000000', { decision: 'dismiss' })).status).toBe(404);
    expect((await call('POST', '/reviews/not-a-uuid', { decision: 'dismiss' })).status).toBe(404);
  });

  it('a dismissal changes nothing at the gate', async () => {
    const subscriber = '+12025550141';
    const item = (await pendingReviews()).find((review) => review.phone === subscriber)!;
    expect((await call('POST', `/reviews/${item.id}`, { decision: 'dismiss' })).body).toMatchObject({ decision: 'dismiss' });
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true });
  });

  it('a later START still wins over an optOut decided afterwards', async () => {
    const subscriber = '+12025550151';
    const doubt = await inbound(subscriber, 'not interested', '2026-11-26T11:00:00.000Z');
    const item = await reviewOf(doubt);
    const start = await inbound(subscriber, 'START', '2026-11-26T11:05:00.000Z');
    await webhookOf('consent.opted_in', start);
    expect((await call('POST', `/reviews/${item.id}`, { decision: 'optOut' })).status).toBe(200);
    await suite.system.waitUntilQueuesDrain();
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true, status: 'opted_in' });
    const rows = await suite.system.sql<{ kind: string; source: string }>('SELECT kind, source FROM consent_events WHERE account_id = $1 AND phone = $2 ORDER BY received_at', [suite.account.id, subscriber]);
    expect(rows).toEqual([{ kind: 'optOut', source: 'review' }, { kind: 'optIn', source: 'sms' }]);
  });
  it('marks a review decided only with its opt-out recorded: a failed decision leaves it pending, asking again applies it', async () => {
    const subscriber = '+12025550161';
    const doubt = await inbound(subscriber, 'wrong number', '2026-11-26T12:00:00.000Z');
    const item = await reviewOf(doubt);
    // The ledger refuses this one row as a database that is going away would (SQLSTATE 57P03).
    await suite.system.sql(`CREATE FUNCTION refuse_review_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.source_message_id = '${doubt}' THEN RAISE EXCEPTION 'the database is going away' USING ERRCODE = '57P03'; END IF; RETURN NEW; END $$`);
    await suite.system.sql('CREATE TRIGGER refuse_review_row BEFORE INSERT ON consent_events FOR EACH ROW EXECUTE FUNCTION refuse_review_row()');
    try {
      const failed = await call('POST', `/reviews/${item.id}`, { decision: 'optOut' });
      expect(failed.status).toBe(503);
      expect((await pendingReviews()).map((review) => review.id)).toContain(item.id);
      expect(await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND phone = $2', [suite.account.id, subscriber])).toEqual([]);
      expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true });
    } finally {
      await suite.system.sql('DROP TRIGGER refuse_review_row ON consent_events');
      await suite.system.sql('DROP FUNCTION refuse_review_row()');
    }
    const retried = await call('POST', `/reviews/${item.id}`, { decision: 'optOut' });
    expect(retried.status).toBe(200);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out', since: '2026-11-26T12:00:00.000Z' });
    const [review] = await suite.system.sql<{ consent_event_id: string | null }>('SELECT consent_event_id FROM revocation_reviews WHERE id = $1', [item.id]);
    expect(review.consent_event_id).toEqual(expect.any(String));
  });

  it('two decisions at once: one wins, the other is 409, and the gate agrees with the winner', async () => {
    for (const [index, subscriber] of ['+12025550171', '+12025550172', '+12025550173'].entries()) {
      const doubt = await inbound(subscriber, 'wrong number', `2026-11-26T13:0${index}:00.000Z`);
      const item = await reviewOf(doubt);
      const [optOut, dismiss] = await Promise.all([
        call('POST', `/reviews/${item.id}`, { decision: 'optOut' }),
        call('POST', `/reviews/${item.id}`, { decision: 'dismiss' }),
      ]);
      expect([optOut.status, dismiss.status].sort()).toEqual([200, 409]);
      const winner = optOut.status === 200 ? 'optOut' : 'dismiss';
      const events = await suite.system.sql('SELECT 1 FROM consent_events WHERE account_id = $1 AND phone = $2', [suite.account.id, subscriber]);
      expect(events).toHaveLength(winner === 'optOut' ? 1 : 0);
      expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: winner === 'dismiss' });
      const [review] = await suite.system.sql<{ decision: string }>('SELECT decision FROM revocation_reviews WHERE id = $1', [item.id]);
      expect(review.decision).toBe(winner);
    }
  });
  it('answers a hostile caller with 4xx: another account, odd casing, bad decisions, huge dry runs', async () => {
    const subscriber = '+12025550181';
    const doubt = await inbound(subscriber, 'wrong number', '2026-11-26T14:00:00.000Z');
    const item = await reviewOf(doubt);
    const other = await suite.system.createAccount('Other Florist');
    const asOther = (method: string, path: string, json?: unknown) => suite.system.request(method, path, { token: other.apiKey, json });

    // Another account's key on this account's queue, and on its own queue with this review's id.
    expect([403, 404]).toContain((await asOther('GET', `/v1/accounts/${suite.account.id}/reviews`)).status);
    expect([403, 404]).toContain((await asOther('POST', `/v1/accounts/${suite.account.id}/reviews/${item.id}`, { decision: 'optOut' })).status);
    expect((await asOther('POST', `/v1/accounts/${other.id}/reviews/${item.id}`, { decision: 'optOut' })).status).toBe(404);
    expect((await asOther('GET', `/v1/accounts/${other.id}/reviews`)).body.items).toEqual([]);

    // Decisions that are not one of the two words, in any shape: 400 naming `decision`.
    for (const body of [{ decision: 'OPTOUT' }, { decision: ['optOut'] }, { decision: { optOut: true } }, { decision: 'optOut', extra: 1 }, {}]) {
      const refused = await call('POST', `/reviews/${item.id}`, body);
      expect([body, refused.status]).toEqual([body, 400]);
      expect(JSON.stringify(refused.body.error.details)).toMatch(/decision|extra/);
    }
    const nested = `{"decision":${'['.repeat(100_000)}"optOut"${']'.repeat(100_000)}}`;
    const deep = await suite.system.request('POST', `/v1/accounts/${suite.account.id}/reviews/${item.id}`, { token: suite.account.apiKey, body: nested, contentType: 'application/json' });
    expect(deep.status).toBe(400);
    expect((await pendingReviews()).map((review) => review.id)).toContain(item.id);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: true });

    // The review's id in upper case is the same review: decided once, and the number blocked.
    expect((await call('POST', `/reviews/${item.id.toUpperCase()}`, { decision: 'optOut' })).status).toBe(200);
    expect((await call('POST', `/reviews/${item.id}`, { decision: 'dismiss' })).status).toBe(409);
    expect(await gateAnswer(suite.system, suite.account, subscriber)).toMatchObject({ allowed: false, status: 'opted_out' });

    // A mode in other casing is refused, not guessed; a dry run of a huge text is answered.
    expect((await call('PUT', '/compliance', { revocation: { mode: 'REASONABLE' } })).status).toBe(400);
    const huge = await call('POST', '/compliance/classify', { from: '+12025550111', body: 'stop, '.repeat(20_000) });
    expect(huge.status).toBeLessThan(500);
  });
});
