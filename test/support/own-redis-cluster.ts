import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis, { Cluster } from 'ioredis';
import { freePort } from './app-processes';
import { waitFor } from './wait-for';

export interface ClusterNodeProcess {
  port: number;
  /** The cluster bus port (set explicitly: port + 10000 may not exist for a high free port). */
  busPort: number;
  dir: string;
  child: ChildProcess | null;
}

export interface OwnRedisClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  /** cluster-node-timeout: how long a master may be unreachable before its replica takes over. */
  nodeTimeoutMs?: number;
  /** Extra redis-server arguments for every node. */
  args?: string[];
}

/** Every node ever started by any OwnRedisCluster of this process: killed if the process exits without cleaning up. */
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * A Redis Cluster of the test's own: `masters` × (1 + `replicasPerMaster`) redis-server
 * processes on free loopback ports, each with its data (an append-only file, fsync always) in
 * one temporary directory, joined with `redis-cli --cluster create`. Nodes can be killed to
 * make their replicas take over. `remove()` stops every process and deletes the directory;
 * nodes still running when the test process exits are killed too.
 */
export class OwnRedisCluster {
  private constructor(
    readonly nodes: ClusterNodeProcess[],
    private readonly root: string,
    private readonly args: string[],
  ) {}

  static async start(options: OwnRedisClusterOptions = {}): Promise<OwnRedisCluster> {
    const masters = options.masters ?? 3;
    const total = masters * (1 + (options.replicasPerMaster ?? 1));
    const root = mkdtempSync(join(tmpdir(), 'optout-cluster-'));
    const args = [
      '--cluster-enabled', 'yes',
      '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 2_000),
      '--appendonly', 'yes',
      '--appendfsync', 'always',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      ...(options.args ?? []),
    ];
    const nodes: ClusterNodeProcess[] = [];
    for (let i = 0; i < total; i++) {
      const dir = join(root, `node-${i}`);
      mkdirSync(dir);
      nodes.push({ port: await freePort(), busPort: await freePort(), dir, child: null });
    }
    const cluster = new OwnRedisCluster(nodes, root, args);
    try {
      await Promise.all(nodes.map((node) => cluster.startNode(node)));
      const create = spawnSync(
        'redis-cli',
        ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', String(options.replicasPerMaster ?? 1), '--cluster-yes'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (create.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${create.stdout}\n${create.stderr}`);
      await cluster.waitUntilOk();
    } catch (error) {
      await cluster.remove();
      throw error;
    }
    return cluster;
  }

  /** REDIS_CLUSTER_NODES for the apps: every node as a seed. */
  get seeds(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  /** A cluster client of the test's own (disconnect it when done). */
  client(): Cluster {
    const client = new Cluster(
      this.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      { redisOptions: { maxRetriesPerRequest: 3 }, retryDelayOnFailover: 200, maxRedirections: 32 },
    );
    client.on('error', () => undefined);
    return client;
  }

  /** The node currently serving `key`'s slot as master (asked of any live node). */
  async masterOf(key: string): Promise<ClusterNodeProcess> {
    return this.withLiveNode(async (redis) => {
      const slot = Number(await redis.cluster('KEYSLOT', key));
      const ranges = (await redis.cluster('SLOTS')) as unknown as Array<[number, number, [string, number]]>;
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`no master serves slot ${slot}`);
      const port = Number(range[2][1]);
      const node = this.nodes.find((candidate) => candidate.port === port);
      if (!node) throw new Error(`slot ${slot} is served by an unknown port ${port}`);
      return node;
    });
  }

  /** Ports of the nodes that are masters now, with the keys they hold matching `pattern`. */
  async keysPerMaster(pattern: string): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const node of this.nodes.filter((candidate) => candidate.child !== null)) {
      await this.on(node, async (redis) => {
        if (!/role:master/.test(await redis.info('replication'))) return;
        let cursor = '0';
        let count = 0;
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          count += keys.length;
        } while (cursor !== '0');
        counts.set(node.port, count);
      });
    }
    return counts;
  }

  /** SIGKILL one node: what a crash does. Its data directory stays. */
  async kill(node: ClusterNodeProcess): Promise<void> {
    const child = node.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    node.child = null;
  }

  /** Resolves once every live node says cluster_state:ok and agrees on who serves every slot. */
  async waitUntilOk(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      'the Redis Cluster to be ok on every live node',
      async () => {
        const live = this.nodes.filter((node) => node.child !== null);
        const views = await Promise.all(
          live.map((node) =>
            this.on(node, async (redis) => {
              const info = String(await redis.cluster('INFO'));
              if (!/cluster_state:ok/.test(info)) return null;
              const slots = (await redis.cluster('SLOTS')) as unknown as Array<[number, number, [string, number]]>;
              return JSON.stringify(slots.map(([from, to, master]) => [from, to, master[1]]).sort((a, b) => a[0] - b[0]));
            }).catch(() => null),
          ),
        );
        return views.every((view) => view !== null && view === views[0]) ? true : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  async remove(): Promise<void> {
    await Promise.all(this.nodes.map((node) => this.kill(node)));
    rmSync(this.root, { recursive: true, force: true });
  }

  private async startNode(node: ClusterNodeProcess): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(node.port), '--cluster-port', String(node.busPort), '--bind', '127.0.0.1', '--dir', node.dir, '--cluster-config-file', join(node.dir, 'nodes.conf'), ...this.args],
      { stdio: 'ignore' },
    );
    started.add(child);
    child.once('exit', () => started.delete(child));
    node.child = child;
    await waitFor(`redis-server on ${node.port}`, () => this.on(node, async (redis) => ((await redis.ping()) === 'PONG' ? true : undefined)).catch(() => undefined), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
  }

  private async withLiveNode<T>(work: (redis: IORedis) => Promise<T>): Promise<T> {
    let lastError: unknown = new Error('no live node');
    for (const node of this.nodes.filter((candidate) => candidate.child !== null)) {
      try {
        return await this.on(node, work);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  /** A short-lived plain connection to one node. */
  private async on<T>(node: ClusterNodeProcess, work: (redis: IORedis) => Promise<T>): Promise<T> {
    const redis = new IORedis({ host: '127.0.0.1', port: node.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  }
}
