import { randomBytes } from 'node:crypto';
import { keyPrefixOf } from '@optout/config';
import { AppName, AppProcess, processEnv } from './app-processes';
import { deleteKeysWithPrefix } from './redis-cleanup';
import type { Stoppable } from './stop-after-all';
import { TEST_REDIS_URL } from './test-config';
import { createTestDatabase, TestDatabase } from './test-database';
import { waitFor } from './wait-for';

/**
 * What a suite of app processes (built dist/) owns: a database and a queue prefix of its own,
 * and every process it starts. `stop()` kills the processes, then removes the prefix's Redis
 * keys and the database.
 */
export class ProcessSuite implements Stoppable {
  readonly queuePrefix = `{optout-test-${randomBytes(4).toString('hex')}}`;
  private readonly started: AppProcess[] = [];

  private constructor(readonly database: TestDatabase) {}

  static async start(): Promise<ProcessSuite> {
    return new ProcessSuite(await createTestDatabase());
  }

  /** The environment every process of the suite shares (see processEnv), with `extra`. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return processEnv(this.database.url, this.queuePrefix, extra);
  }

  /** `app` as its own process, killed by `stop()`. */
  startApp(app: AppName, env: Record<string, string>): AppProcess {
    const process = new AppProcess(app, env).start();
    this.started.push(process);
    return process;
  }

  async stop(): Promise<void> {
    await Promise.all(this.started.map((process) => process.stop('SIGKILL')));
    await deleteKeysWithPrefix(TEST_REDIS_URL, [this.queuePrefix, `${keyPrefixOf({ queuePrefix: this.queuePrefix })}:`]);
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
