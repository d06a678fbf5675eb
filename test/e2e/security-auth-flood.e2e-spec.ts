import { randomBytes, randomUUID } from 'node:crypto';
import { AccountRepository } from '@optout/database';
import { ApiKeyResolver } from '../../apps/gateway/src/auth/api-key-resolver.service';
import { RunningSystem } from '../support/running-system';
import { askGate, gatePath } from '../support/gate';
import { suiteFixture } from '../support/suite-fixture';

/** Counts the calls the gateway makes to the real repository (the queries behind the key and account caches). */
function countQueries(system: RunningSystem): { keys: () => number; accounts: () => number } {
  const repository = system.app.get(AccountRepository, { strict: false });
  let keys = 0;
  let accounts = 0;
  const findKeyByHash = repository.findKeyByHash.bind(repository);
  const findById = repository.findById.bind(repository);
  repository.findKeyByHash = (hash: string) => ((keys += 1), findKeyByHash(hash));
  repository.findById = (id: string) => ((accounts += 1), findById(id));
  return { keys: () => keys, accounts: () => accounts };
}

const madeUpKey = () => `ook_${randomBytes(32).toString('base64url')}`;

/** Issue 13, item 5: unauthenticated floods cost no database read each, and cannot evict good keys. */
describe('unauthenticated floods', () => {
  describe('the key and account caches', () => {
    const suite = suiteFixture(async (stopLater) => {
      const system = stopLater(await RunningSystem.start());
      return { system, queries: countQueries(system) };
    });

    it('refuses a string that cannot be a key without a query, and asks once for an unknown key sent again and again', async () => {
      const account = await suite.system.createAccount('Flooded Florist');
      const before = suite.queries.keys();
      for (const token of ['garbage', 'ook_short', `ook_${'!'.repeat(43)}`]) {
        for (let i = 0; i < 20; i++) expect((await suite.system.request('GET', `/v1/gate/${account.id}/%2B12025550199`, { token })).status).toBe(401);
      }
      expect(suite.queries.keys()).toBe(before);

      const unknown = madeUpKey();
      for (let i = 0; i < 50; i++) expect((await suite.system.request('GET', `/v1/gate/${account.id}/%2B12025550199`, { token: unknown })).status).toBe(401);
      expect(suite.queries.keys()).toBe(before + 1);
    });

    it('asks once for an unknown account id on the carrier webhook sent again and again', async () => {
      const before = suite.queries.accounts();
      const unknownAccount = randomUUID();
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${suite.system.baseUrl}/v1/carriers/twilio/${unknownAccount}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'MessageSid=SM1&From=%2B12025550199&To=%2B12025550100&Body=STOP',
        });
        expect(response.status).toBe(404);
      }
      expect(suite.queries.accounts()).toBe(before + 1);
    });

    it('keeps a good key cached through more than 10 000 unknown ones (no full clear)', async () => {
      const account = await suite.system.createAccount('Busy Florist');
      expect((await askGate(suite.system, account, '+12025550199')).status).toBe(200);
      const resolver = suite.system.app.get(ApiKeyResolver, { strict: false });
      for (let i = 0; i < 10_050; i++) await resolver.resolve(madeUpKey());
      const before = suite.queries.keys();
      expect((await askGate(suite.system, account, '+12025550199')).status).toBe(200);
      expect(suite.queries.keys()).toBe(before);
    }, 120_000);
  });

  describe('failed authentications per client address', () => {
    const suite = suiteFixture(async (stopLater) => {
      const system = stopLater(await RunningSystem.start({ AUTH_FAILURES_PER_MINUTE: '10' }));
      return { system, queries: countQueries(system) };
    });

    /** The gate asked with `token` from the client address `from` (as a proxy in front would say it). */
    const askGateFrom = (accountId: string, token: string, from?: string) =>
      fetch(`${suite.system.baseUrl}${gatePath(accountId, '+12025550199')}`, { headers: { authorization: `Bearer ${token}`, ...(from ? { 'x-forwarded-for': from } : {}) } });

    it('answers 429 with Retry-After once an address has failed its budget, and looks nothing up meanwhile', async () => {
      const account = await suite.system.createAccount('Guarded Florist');
      const from = '198.51.100.7';
      for (let i = 0; i < 10; i++) expect((await askGateFrom(account.id, madeUpKey(), from)).status).toBe(401);
      const keyQueries = suite.queries.keys();
      for (let i = 0; i < 50; i++) {
        const refused = await askGateFrom(account.id, madeUpKey(), from);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_failed_authentications');
      }
      expect(suite.queries.keys()).toBe(keyQueries);
      // The carrier webhook from that address too: no account looked up.
      const accountQueries = suite.queries.accounts();
      const carrier = await fetch(`${suite.system.baseUrl}/v1/carriers/twilio/${randomUUID()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
        body: 'MessageSid=SM1&From=%2B12025550199&To=%2B12025550100&Body=STOP',
      });
      expect(carrier.status).toBe(429);
      expect(suite.queries.accounts()).toBe(accountQueries);

      // Another address is not affected, valid key or not.
      expect((await askGateFrom(account.id, account.apiKey, '198.51.100.8')).status).toBe(200);
      expect((await askGateFrom(account.id, madeUpKey(), '198.51.100.8')).status).toBe(401);
      // Health probes are never refused.
      expect((await fetch(`${suite.system.baseUrl}/health/live`, { headers: { 'x-forwarded-for': from } })).status).toBe(200);
    });

    it('counts unknown carrier-webhook accounts and a wrong admin token as failures, not requests without credentials', async () => {
      const from = '198.51.100.9';
      for (let i = 0; i < 30; i++) {
        expect((await fetch(`${suite.system.baseUrl}/v1/accounts`, { headers: { 'x-forwarded-for': from } })).status).toBe(401);
      }
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${suite.system.baseUrl}/v1/carriers/twilio/${randomUUID()}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
          body: 'MessageSid=SM1&From=%2B12025550199&To=%2B12025550100&Body=STOP',
        });
        expect(response.status).toBe(404);
      }
      for (let i = 0; i < 5; i++) {
        expect((await fetch(`${suite.system.baseUrl}/v1/accounts`, { headers: { authorization: 'Bearer not-the-admin-token-000', 'x-forwarded-for': from } })).status).toBe(401);
      }
      expect((await fetch(`${suite.system.baseUrl}/v1/accounts`, { headers: { 'x-forwarded-for': from } })).status).toBe(429);
    });
  });

  describe('with TRUST_PROXY=false (callers reach the gateway directly)', () => {
    const suite = suiteFixture(async (stopLater) => ({ system: stopLater(await RunningSystem.start({ AUTH_FAILURES_PER_MINUTE: '10', TRUST_PROXY: 'false' })) }));

    it('counts failures against the connecting address, whatever X-Forwarded-For claims', async () => {
      const account = await suite.system.createAccount('Direct Florist');
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        const response = await fetch(`${suite.system.baseUrl}/v1/gate/${account.id}/%2B12025550199`, { headers: { authorization: `Bearer ${madeUpKey()}`, 'x-forwarded-for': `203.0.113.${i}` } });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    });
  });
});
