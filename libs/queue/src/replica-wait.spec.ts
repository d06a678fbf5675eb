import type { RedisClient } from './redis-connection.factory';
import { ReplicaWait } from './replica-wait';

/** A single Redis as ReplicaWait sees it: ROLE and WAIT, recorded. */
function fakeRedis(connectedReplicas: number, confirms: number) {
  const calls: string[] = [];
  const client = {
    role: async () => (calls.push('ROLE'), ['master', 100, Array.from({ length: connectedReplicas }, (_, i) => ['10.0.0.9', String(7000 + i), '100'])]),
    wait: async (replicas: number, timeout: number) => (calls.push(`WAIT ${replicas} ${timeout}`), confirms),
  };
  return { client: client as unknown as RedisClient, calls };
}

describe('ReplicaWait', () => {
  it('does nothing when REDIS_WAIT_REPLICAS is 0', async () => {
    const { client, calls } = fakeRedis(1, 1);
    expect(await new ReplicaWait({ redisWaitReplicas: 0, redisWaitTimeoutMs: 500 }).afterWrite(client, '{optout}:x')).toBe(0);
    expect(calls).toEqual([]);
  });

  it('waits for the replicas asked, with the timeout, once it knows the master has them', async () => {
    const { client, calls } = fakeRedis(1, 1);
    const wait = new ReplicaWait({ redisWaitReplicas: 1, redisWaitTimeoutMs: 250 });
    expect(await wait.afterWrite(client, '{optout}:x')).toBe(1);
    expect(await wait.afterWrite(client, '{optout}:y')).toBe(1);
    // ROLE once per hash tag (kept a second), WAIT after every write.
    expect(calls).toEqual(['ROLE', 'WAIT 1 250', 'WAIT 1 250']);
  });

  it('does not wait on a master with no replica connected (a promoted replica whose old master is dead)', async () => {
    const { client, calls } = fakeRedis(0, 0);
    expect(await new ReplicaWait({ redisWaitReplicas: 1, redisWaitTimeoutMs: 500 }).afterWrite(client, '{optout}:x')).toBe(0);
    expect(calls).toEqual(['ROLE']);
  });

  it('asks no more replicas than are connected, and reports a short count without throwing', async () => {
    const { client, calls } = fakeRedis(1, 0);
    expect(await new ReplicaWait({ redisWaitReplicas: 2, redisWaitTimeoutMs: 100 }).afterWrite(client, 'gate:{a1}:+1')).toBe(0);
    expect(calls).toEqual(['ROLE', 'WAIT 1 100']);
  });
});
