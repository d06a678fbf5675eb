import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { gateAnswer } from '../support/gate';

jest.setTimeout(60_000);

/**
 * Issue 13, item 3: consent is last-writer-wins by `receivedAt`, so a START dated in 2099 used
 * to win against every later STOP and manual opt-out. A date more than 5 minutes ahead of the
 * gateway's clock is now refused on every inbound path, and a manual opt-out outranks a state
 * dated ahead of now (one accepted within the 5 minutes of skew, or written before the fix).
 */
describe('future-dated receivedAt', () => {
  let system: RunningSystem;
  let account: { id: string; apiKey: string };
  const sender = '+12025550100';

  beforeAll(async () => {
    system = await RunningSystem.start();
    account = await system.createAccount('Time traveller');
  });

  afterAll(() => system?.stop());

  const message = (messageId: string, from: string, body: string, receivedAt?: string) => ({ accountId: account.id, messageId, from, to: sender, body, receivedAt });

  it('refuses a single message dated more than 5 minutes ahead with 400 naming the field', async () => {
    const answer = await system.request('POST', '/v1/inbound', { token: account.apiKey, json: message('fut-1', '+12025550131', 'START', '2099-01-01T00:00:00Z') });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'receivedAt', rule: 'not_in_future' })]);
    expect(answer.body.error.details[0].message).toContain('more than 5 minutes ahead');
  });

  it('refuses such an item in a batch, naming its index and field, and accepts the others', async () => {
    const answer = await system.request('POST', '/v1/inbound/batch', {
      token: account.apiKey,
      json: { messages: [message('fut-2', '+12025550132', 'HELLO', new Date().toISOString()), message('fut-3', '+12025550133', 'START', '2099-01-01T00:00:00Z')] },
    });
    expect(answer.status).toBe(202);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.rejected).toEqual([
      { index: 1, error: { code: 'validation_failed', message: expect.stringContaining('receivedAt'), details: [expect.objectContaining({ field: 'receivedAt', rule: 'not_in_future' })] } },
    ]);
  });

  it('lets a later STOP win after a refused future-dated START', async () => {
    const phone = '+12025550134';
    expect((await system.request('POST', '/v1/inbound', { token: account.apiKey, json: message('fut-4', phone, 'START', '2099-01-01T00:00:00Z') })).status).toBe(400);
    expect((await system.request('POST', '/v1/inbound', { token: account.apiKey, json: message('fut-5', phone, 'STOP') })).status).toBe(202);
    await waitFor('the STOP to reach the gate', async () => ((await gateAnswer(system, account, phone)).allowed === false ? true : undefined), { timeoutMs: 20_000 });
  });

  it('a manual opt-out wins over a START dated ahead of now', async () => {
    const phone = '+12025550135';
    // Within the tolerated skew, so accepted; before the fix, any future date was.
    const ahead = new Date(Date.now() + 4 * 60 * 1000).toISOString();
    expect((await system.request('POST', '/v1/inbound', { token: account.apiKey, json: message('fut-6', phone, 'START', ahead) })).status).toBe(202);
    await waitFor('the START to be applied', async () => ((await gateAnswer(system, account, phone)).status === 'opted_in' ? true : undefined), { timeoutMs: 20_000 });

    const blocked = await system.request('PUT', `/v1/accounts/${account.id}/blocklist/${encodeURIComponent(phone)}`, { token: account.apiKey, json: { reason: 'asked by phone' } });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ status: 'opted_out', changed: true });
    expect(await gateAnswer(system, account, phone)).toMatchObject({ allowed: false, status: 'opted_out' });
  });
});
