import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { createRedisClient, LiveSubscription, RedisClient } from '@optout/queue';
import { OwnRedisCluster } from '../support/own-redis-cluster';
import { TEST_REDIS_URL } from '../support/test-config';
import { waitFor } from '../support/wait-for';

/**
 * The channel the profile cache and the API key caches trust to hear of changes, on a real
 * Redis and a real Redis Cluster: the listener is told `live` only when messages flow, `lost`
 * when they may not, and `live` again (its cue to drop what it may have missed) once they do —
 * on a Cluster also when ioredis moved the subscription to another node without a word.
 */
function recordingListener() {
  const heard = { messages: [] as string[], live: 0, lost: 0 };
  return { heard, listener: { message: (raw: string) => heard.messages.push(raw), live: () => heard.live++, lost: () => heard.lost++ } };
}

const quietLogger = new Logger('LiveSubscriptionTest');
const options = { name: 'test channel', whileLost: 'nothing is pushed', whenBack: 'listener told', logger: quietLogger };

/** Publishes until the listener hears it: a message published before the subscription settles may be lost, as pub/sub is. */
async function heardAfterPublishing(publisher: RedisClient, channel: string, heard: { messages: string[] }): Promise<void> {
  const message = randomUUID();
  await waitFor(`"${message}" to be heard on ${channel}`, async () => {
    await publisher.publish(channel, message);
    return heard.messages.includes(message) ? true : undefined;
  }, { timeoutMs: 20_000, intervalMs: 200 });
}

describe('a live subscription on one Redis', () => {
  const channel = `optout-test:live-subscription:${randomUUID()}`;
  const connectionName = `optout-test-live-${randomUUID().slice(0, 8)}`;
  const admin = new IORedis(TEST_REDIS_URL);
  const { heard, listener } = recordingListener();
  const subscription = new LiveSubscription(createRedisClient({ redisUrl: TEST_REDIS_URL }, 'subscriber', connectionName), channel, listener, options);

  afterAll(() => {
    subscription.stop();
    admin.disconnect();
  });

  it('is live once subscribed, and hands over the messages of its channel only', async () => {
    subscription.start();
    await waitFor('the subscription to be live', () => (heard.live === 1 ? true : undefined));
    await admin.publish(`${channel}:other`, 'not ours');
    await heardAfterPublishing(admin, channel, heard);
    expect(heard.messages).not.toContain('not ours');
    expect(heard.lost).toBe(0);
  });

  it('is lost when its connection is killed, and live again (with messages) once reconnected', async () => {
    // Only this subscription's connection: other suites share this Redis.
    const line = String(await admin.client('LIST')).split('\n').find((client) => client.includes(` name=${connectionName} `));
    const id = line?.match(/^id=(\d+) /)?.[1];
    expect(id).toBeDefined();
    expect(await admin.client('KILL', 'ID', id!)).toBe(1);
    await waitFor('the subscription to be lost and live again', () => (heard.lost === 1 && heard.live === 2 ? true : undefined), { timeoutMs: 10_000 });
    await heardAfterPublishing(admin, channel, heard);
  });

  it('tells nothing more once stopped', async () => {
    const { live, lost } = heard;
    subscription.stop();
    await admin.publish(channel, 'after stop');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.messages).not.toContain('after stop');
    expect({ live: heard.live, lost: heard.lost }).toEqual({ live, lost });
  });
});

describe('a live subscription on a Redis Cluster', () => {
  let cluster: OwnRedisCluster;
  let publisher: RedisClient;
  let subscription: LiveSubscription;
  const channel = `optout-test:live-subscription:${randomUUID()}`;
  const { heard, listener } = recordingListener();

  beforeAll(async () => {
    cluster = await OwnRedisCluster.start({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 2_000 });
    publisher = cluster.client();
    subscription = new LiveSubscription(createRedisClient({ redisUrl: 'unused', redisClusterNodes: cluster.nodes.map(({ port }) => ({ host: '127.0.0.1', port })) }, 'subscriber', 'optout-test-live-cluster'), channel, listener, options);
  }, 120_000);

  afterAll(async () => {
    subscription?.stop();
    publisher?.disconnect();
    await cluster?.remove();
  });

  /** The node whose connection holds the subscription: the only client subscribed to anything on this cluster. */
  async function subscribedNode() {
    for (const node of cluster.nodes.filter((candidate) => candidate.child !== null)) {
      const redis = new IORedis({ port: node.port, lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await redis.connect();
        const clients = String(await redis.client('LIST'));
        if (/ sub=[1-9]/.test(clients)) return node;
      } finally {
        redis.disconnect();
      }
    }
    return undefined;
  }

  it('is live once subscribed, and hears what is published through any node', async () => {
    subscription.start();
    await waitFor('the subscription to be live', () => (heard.live === 1 ? true : undefined), { timeoutMs: 20_000 });
    await heardAfterPublishing(publisher, channel, heard);
  });

  it('counts as lost when the node holding it dies, and is live again only once its own probe comes back through the cluster', async () => {
    const node = await subscribedNode();
    expect(node).toBeDefined();
    await cluster.kill(node!);
    await waitFor('the subscription to be lost', () => (heard.lost === 1 ? true : undefined), { timeoutMs: 20_000 });
    await cluster.waitUntilOk();
    await waitFor('the subscription to be live again', () => (heard.live === 2 ? true : undefined), { timeoutMs: 60_000 });
    // Live means carrying messages: a message published now is heard.
    await heardAfterPublishing(publisher, channel, heard);
    expect(await subscribedNode()).not.toBe(node);
  }, 120_000);
});
