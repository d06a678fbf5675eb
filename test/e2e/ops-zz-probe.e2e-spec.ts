import { RunningSystem } from '../support/running-system';
import { OwnRedis } from '../support/own-redis';
import { waitFor } from '../support/wait-for';

jest.setTimeout(120_000);
describe('probe', () => {
  it('stops after a redis kill and restart', async () => {
    const redis = await OwnRedis.start();
    const system = await RunningSystem.start({ REDIS_URL: redis.url });
    const account = await system.createAccount();
    await system.request('POST', '/v1/inbound', { token: account.apiKey, json: { accountId: account.id, messageId: 'nr-1', from: '+12025550181', to: '+12025550100', body: 'STOP' } });
    await waitFor('opt-out', async () => ((await system.request('GET', `/v1/gate/${account.id}/%2B12025550181`, { token: account.apiKey })).body.allowed === false ? true : undefined));
    await redis.kill();
    await redis.restart();
    const t = Date.now();
    await system.stop();
    process.stdout.write(`system stopped in ${Date.now() - t} ms\n`);
    await redis.remove();
  });
});
