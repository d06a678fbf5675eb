import { createHash } from 'node:crypto';
import { AppProcess } from '../support/app-processes';
import { createAccountThrough, gatewayRequest } from '../support/gateway-request';
import { ProcessSuite, waitUntilReady } from '../support/process-suite';
import { RunningSystem } from '../support/running-system';
import { waitFor } from '../support/wait-for';
import { suiteFixture } from '../support/suite-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Issue 13, item 7: an account creates, lists and revokes its own API keys. */
describe('API key rotation and revocation', () => {
  describe('in one gateway', () => {
    const suite = suiteFixture(async (stopLater) => ({ system: stopLater(await RunningSystem.start()) }));

    it('rotates a key: the new one is shown once, listed without its secret, and the old one is refused at once', async () => {
      const account = await suite.system.createAccount('Rotating Florist');
      const created = await suite.system.request('POST', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey });
      expect(created.status).toBe(201);
      expect(Object.keys(created.body).sort()).toEqual(['apiKey', 'createdAt', 'id', 'prefix']);
      expect(created.body).toEqual({ id: expect.stringMatching(UUID), apiKey: expect.stringMatching(/^ook_/), prefix: created.body.apiKey.slice(0, 12), createdAt: expect.stringMatching(ISO) });
      const fresh: string = created.body.apiKey;
      expect((await suite.system.request('GET', `/v1/accounts/${account.id}`, { token: fresh })).status).toBe(200);

      const listed = await suite.system.request('GET', `/v1/accounts/${account.id}/api-keys`, { token: fresh });
      expect(listed.status).toBe(200);
      const text = JSON.stringify(listed.body);
      for (const secret of [fresh, account.apiKey, createHash('sha256').update(fresh).digest('hex')]) expect(text).not.toContain(secret);
      expect(listed.body.items).toHaveLength(2);
      for (const item of listed.body.items) expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['createdAt', 'id', 'prefix']));
      const original = listed.body.items.find((item: { id: string }) => item.id !== created.body.id);
      const rotated = listed.body.items.find((item: { id: string }) => item.id === created.body.id);
      expect(original.prefix).toBe(account.apiKey.slice(0, 12));
      // Both were used to authenticate just now.
      expect(rotated.lastUsedAt).toMatch(ISO);
      expect(original.lastUsedAt).toMatch(ISO);

      // The old key was used a moment ago, so this replica has it cached: refused anyway.
      expect((await suite.system.request('GET', `/v1/accounts/${account.id}`, { token: account.apiKey })).status).toBe(200);
      const revoked = await suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${original.id}`, { token: fresh });
      expect(revoked.status).toBe(204);
      expect(revoked.body).toBeNull();
      const refused = await suite.system.request('GET', `/v1/accounts/${account.id}`, { token: account.apiKey });
      expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 401, code: 'unauthorized' });
      expect((await suite.system.request('GET', `/v1/gate/${account.id}/%2B12025550199`, { token: account.apiKey })).status).toBe(401);
      expect((await suite.system.request('GET', `/v1/accounts/${account.id}/api-keys`, { token: fresh })).body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    });

    it('refuses to revoke the last key (409) and keeps it working', async () => {
      const account = await suite.system.createAccount('Single Key Florist');
      const [only] = (await suite.system.request('GET', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey })).body.items;
      const answer = await suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${only.id}`, { token: account.apiKey });
      expect({ status: answer.status, code: answer.body.error.code }).toEqual({ status: 409, code: 'last_api_key' });
      expect((await suite.system.request('GET', `/v1/accounts/${account.id}`, { token: account.apiKey })).status).toBe(200);
      expect(await suite.system.sql('SELECT revoked_at FROM api_keys WHERE id = $1', [only.id])).toEqual([{ revoked_at: null }]);
    });

    it('never leaves an account without a key, even when both of its keys are revoked at once', async () => {
      const account = await suite.system.createAccount('Racing Florist');
      const second = (await suite.system.request('POST', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey })).body;
      const ids = (await suite.system.request('GET', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey })).body.items.map((item: { id: string }) => item.id);
      const answers = await Promise.all([
        suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${ids[0]}`, { token: account.apiKey }),
        suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${ids[1]}`, { token: second.apiKey }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([204, 409]);
      expect(await suite.system.sql('SELECT id FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL', [account.id])).toHaveLength(1);
    });

    it('answers 404 for an unknown or malformed key id, and for a revoked one', async () => {
      const account = await suite.system.createAccount('Lost Key Florist');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const answer = await suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${id}`, { token: account.apiKey });
        expect({ id, status: answer.status, code: answer.body.error.code }).toEqual({ id, status: 404, code: 'not_found' });
      }
      const second = (await suite.system.request('POST', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey })).body;
      expect((await suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${second.id}`, { token: account.apiKey })).status).toBe(204);
      expect((await suite.system.request('DELETE', `/v1/accounts/${account.id}/api-keys/${second.id}`, { token: account.apiKey })).status).toBe(404);
    });

    it('holds at most 20 active keys per account', async () => {
      const account = await suite.system.createAccount('Hoarding Florist');
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await suite.system.request('POST', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey })).status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(19);
      expect(statuses.at(-1)).toBe(409);
    });
  });

  describe('across two gateway processes', () => {
    const suite = suiteFixture(
      async (stopLater) => {
        const processes = stopLater(await ProcessSuite.start());
        const gateways: Array<{ process: AppProcess; url: string }> = [];
        for (let i = 0; i < 2; i++) gateways.push(await processes.startGateway(processes.env()));
        for (const gateway of gateways) await waitUntilReady(gateway.url, [gateway.process]);
        return { gateways };
      },
      { timeoutMs: 120_000 },
    );

    it('the other replica refuses a revoked key within a few seconds (pub/sub), well before its 30 s cache would expire', async () => {
      const [a, b] = suite.gateways;
      const account = await createAccountThrough(a.url, 'Two Gateways');
      const replacement = (await gatewayRequest(a.url, 'POST', `/v1/accounts/${account.id}/api-keys`, account.apiKey)).body;
      // B now holds the old key in its cache (30 s).
      expect((await gatewayRequest(b.url, 'GET', `/v1/accounts/${account.id}`, account.apiKey)).status).toBe(200);
      const [old] = (await gatewayRequest(b.url, 'GET', `/v1/accounts/${account.id}/api-keys`, replacement.apiKey)).body.items.filter((item: { id: string }) => item.id !== replacement.id);
      expect(old.lastUsedAt).toMatch(ISO);

      const revokedAt = Date.now();
      expect((await gatewayRequest(a.url, 'DELETE', `/v1/accounts/${account.id}/api-keys/${old.id}`, replacement.apiKey)).status).toBe(204);
      expect((await gatewayRequest(a.url, 'GET', `/v1/accounts/${account.id}`, account.apiKey)).status).toBe(401);
      await waitFor('the other gateway to refuse the revoked key', async () => ((await gatewayRequest(b.url, 'GET', `/v1/accounts/${account.id}`, account.apiKey)).status === 401 ? true : undefined), {
        timeoutMs: 15_000,
        intervalMs: 20,
      });
      console.log(`revoked key refused by the other gateway after ${Date.now() - revokedAt} ms`);
      expect((await gatewayRequest(b.url, 'GET', `/v1/accounts/${account.id}`, replacement.apiKey)).status).toBe(200);
    }, 60_000);
  });
});
