import { randomBytes } from 'node:crypto';
import { keyPrefixOf } from '@optout/config';
import { AppName, AppProcess, freePort, processEnv } from './app-processes';
import { OwnRedis } from './own-redis';
import { ProcessTopology, queueCounts, WorkerName } from './process-topology';
import { deleteKeysWithPrefix } from './redis-cleanup';
import type { Stoppable } from './stop-after-all';
import { TEST_REDIS_URL } from './test-config';
import { createTestDatabase, queryDatabase, TestDatabase } from './test-database';
import { waitFor } from './wait-for';

/**
 * For suites whose webhooks go to a receiver on loopback: allowed there, and retried on a
 * short schedule that an outage or a crash does not use up.
 */
export const LOOPBACK_WEBHOOKS = { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', WEBHOOK_RETRY_DELAYS_MS: '250,500,1000,2000,4000,8000' } as const;

export interface ProcessSuiteOptions {
  /**
   * A redis-server of the suite's own (see OwnRedis), for suites that kill it or must not share
   * one: `true` for OwnRedis's default arguments (AOF on, noeviction), or the arguments. Without
   * it the processes share the test Redis.
   */
  ownRedis?: true | string[];
}

/**
 * What a suite of app processes (built dist/) owns: a database and a queue prefix of its own,
 * a Redis of its own when it asks for one, and every process it starts. `stop()` kills the
 * processes, then removes the Redis (or the prefix's keys in the shared one) and the database.
 */
export class ProcessSuite implements Stoppable {
  readonly queuePrefix = `{optout-test-${randomBytes(4).toString('hex')}}`;
  private readonly started: AppProcess[] = [];

  private constructor(
    readonly database: TestDatabase,
    private readonly own: OwnRedis | null,
  ) {}

  static async start(options: ProcessSuiteOptions = {}): Promise<ProcessSuite> {
    const database = await createTestDatabase();
    if (!options.ownRedis) return new ProcessSuite(database, null);
    try {
      return new ProcessSuite(database, await (options.ownRedis === true ? OwnRedis.start() : OwnRedis.start(options.ownRedis)));
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /** The Redis every process of the suite uses. */
  get redisUrl(): string {
    return this.own?.url ?? TEST_REDIS_URL;
  }

  /** The suite's own redis-server, to kill and restart (start the suite with `ownRedis`). */
  get redis(): OwnRedis {
    if (!this.own) throw new Error('this suite shares the test Redis: start it with { ownRedis } to have one it may kill');
    return this.own;
  }

  /** The environment every process of the suite shares (see processEnv), with `extra`. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return processEnv(this.database.url, this.redisUrl, this.queuePrefix, extra);
  }

  /** `app` as its own process, killed by `stop()`. */
  startApp(app: AppName, env: Record<string, string>): AppProcess {
    const process = new AppProcess(app, env).start();
    this.started.push(process);
    return process;
  }

  /** A gateway as its own process on a free port (PORT added to `env`), killed by `stop()`; the caller waits for it as it needs. */
  async startGateway(env: Record<string, string>): Promise<{ process: AppProcess; url: string }> {
    const port = await freePort();
    return { process: this.startApp('gateway', { ...env, PORT: String(port) }), url: `http://127.0.0.1:${port}` };
  }

  /** The production topology (see ProcessTopology) on the suite's environment with `extra`; its processes are killed by `stop()`, restarted ones too. */
  async startTopology(workers: Partial<Record<WorkerName, number>>, extra: Record<string, string> = {}): Promise<ProcessTopology> {
    const topology = await ProcessTopology.start(this.env(extra), workers);
    this.started.push(topology.gateway, ...topology.workers);
    return topology;
  }

  /** Rows from the suite's database. */
  sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryDatabase<T>(this.database.url, text, values);
  }

  /** Job counts of every queue of the suite (see queueCounts). */
  queueCounts(): ReturnType<typeof queueCounts> {
    return queueCounts(this.redisUrl, this.queuePrefix);
  }

  async stop(): Promise<void> {
    await Promise.all(this.started.map((process) => process.stop('SIGKILL')));
    if (this.own) await this.own.remove();
    else await deleteKeysWithPrefix(TEST_REDIS_URL, [this.queuePrefix, `${keyPrefixOf({ queuePrefix: this.queuePrefix })}:`]);
    await this.database.drop();
  }
}

/** Resolves once `baseUrl`/health/ready answers 200; a process of `watched` that has exited is named, with its last output. */
export async function waitUntilReady(baseUrl: string, watched: AppProcess[] = [], timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${baseUrl} to be ready`,
    async () => {
      const exited = watched.find((process) => !process.running);
      if (exited) throw new Error(`${exited.app} exited:\n${exited.output.slice(-2000)}`);
      return (await fetch(`${baseUrl}/health/ready`).then((response) => response.status, () => 0)) === 200 ? true : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}
