import IORedis from 'ioredis';
import { profileChangeChannel } from '@optout/profiles';
import { AppProcess } from '../support/app-processes';
import { ProcessSuite } from '../support/process-suite';
import { stopAfterAll } from '../support/stop-after-all';
import { TEST_REDIS_URL } from '../support/test-config';
import { waitFor } from '../support/wait-for';
import { createAccountThrough, gatewayRequest } from '../support/gateway-request';

/**
 * A saved profile reaches every classifier replica within a second, without a restart: the
 * gateway announces the version on Redis and each replica drops its compiled copy. Run on the
 * built apps as separate processes (`npm run build` first): one gateway, two classifiers and a
 * blocklist worker sharing one database and queue prefix.
 */
describe('compliance profile changes across classifier processes', () => {
  let suite: ProcessSuite;
  let redis: IORedis;
  let classifiers: AppProcess[] = [];
  let baseUrl: string;
  let account: { id: string; apiKey: string };

  const stopLater = stopAfterAll();

  beforeAll(async () => {
    suite = stopLater(await ProcessSuite.start());
    redis = new IORedis(TEST_REDIS_URL);
    const env = suite.env({
      METRICS_PORT: '0',
      REDIS_POLICY_CHECK: 'warn',
      // One message per inbound job and one job at a time per classifier, so that a burst of
      // messages is shared between the two replicas rather than carried by one.
      INBOUND_BATCH_WINDOW_MS: '0',
    });
    baseUrl = (await suite.startGateway(env)).url;
    // Debug level: each replica says when it compiles a version, which shows that both of them classified with it.
    classifiers = [0, 1].map(() => suite.startApp('classifier', { ...env, LOG_LEVEL: 'debug', WORKER_CONCURRENCY: '1' }));
    suite.startApp('blocklist', env);
    await waitFor('the gateway to listen', async () => ((await fetch(`${baseUrl}/v1/accounts`)).status === 401 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    // Gateway and both classifiers listening for changes.
    const channel = profileChangeChannel({ queuePrefix: suite.queuePrefix });
    await waitFor('three processes subscribed to profile changes', async () => {
      const [, listeners] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      return Number(listeners) === 3 ? true : undefined;
    }, { timeoutMs: 30_000, intervalMs: 100 });
    account = await createAccountThrough(baseUrl, 'Acme');
  }, 60_000);

  afterAll(() => redis?.disconnect());

  const call = (method: string, path: string, token: string, json?: unknown) => gatewayRequest(baseUrl, method, path, token, json);

  let sent = 0;
  /** `count` texts of `body`, each from a subscriber of its own; returns their message ids. */
  const sendBurst = async (body: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      sent += 1;
      const messageId = `m-${sent}`;
      const response = await call('POST', '/v1/inbound', account.apiKey, {
        accountId: account.id,
        messageId,
        from: `+1202555${String(1000 + sent)}`,
        to: '+12025550100',
        body,
      });
      expect(response.status).toBe(202);
      ids.push(messageId);
    }
    return ids;
  };

  const ledger = (ids: string[]) =>
    suite.sql<{ source_message_id: string; keyword: string; profile_version: number }>(
      'SELECT source_message_id, keyword, profile_version FROM consent_events WHERE account_id = $1 AND source_message_id = ANY($2)',
      [account.id, ids],
    );

  it('classifies with a newly saved keyword in both replicas within a second of the save', async () => {
    // Both replicas warm: they hold the defaults (version 0), in which PAUSE means nothing.
    const warmUp = await sendBurst('STOP', 20);
    await waitFor('the warm-up opt-outs in the ledger', async () => ((await ledger(warmUp)).length === warmUp.length ? true : undefined), { timeoutMs: 15_000 });
    expect((await ledger(warmUp)).every((row) => row.profile_version === 0)).toBe(true);

    const savedAt = Date.now();
    const saved = await call('PUT', `/v1/accounts/${account.id}/compliance`, account.apiKey, {
      optOut: { keywords: ['STOP', 'UNSUBSCRIBE', 'PAUSE'] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);

    const announced = `account ${account.id}: compliance profile version 1 announced`;
    await waitFor('both classifier processes to hear of version 1', () => (classifiers.every((process) => process.output.includes(announced)) ? true : undefined), {
      timeoutMs: 1_000,
      intervalMs: 10,
    });
    const heardWithinMs = Date.now() - savedAt;
    expect(heardWithinMs).toBeLessThan(1_000);

    // Bursts of PAUSE until each replica has compiled version 1 for this account (i.e. classified
    // a text of it with that version). Every one of them must be an opt-out of version 1: a
    // replica still on version 0 would find no keyword in PAUSE and record nothing.
    const compiled = `account ${account.id}: compliance profile version 1 compiled`;
    const paused: string[] = [];
    await waitFor('both replicas to classify with version 1', async () => {
      paused.push(...(await sendBurst('pause', 10)));
      return classifiers.every((process) => process.output.includes(compiled)) ? true : undefined;
    }, { timeoutMs: 15_000, intervalMs: 50 });
    await waitFor(`all ${paused.length} PAUSE texts in the ledger`, async () => ((await ledger(paused)).length === paused.length ? true : undefined), { timeoutMs: 15_000 });
    const rows = await ledger(paused);
    expect(new Set(rows.map((row) => `${row.keyword} v${row.profile_version}`))).toEqual(new Set(['PAUSE v1']));
  }, 60_000);
});
