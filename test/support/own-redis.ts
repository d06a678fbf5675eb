import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisAnswers } from '@optout/queue';
import { freePort } from './app-processes';
import { waitFor } from './wait-for';

/**
 * A redis-server of the test's own, on a free port with its own data directory, that the
 * test may stop, kill and restart (the shared Redis on 6379 must never be touched).
 */
export class OwnRedis {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'optout-redis-'));

  private constructor(
    readonly port: number,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** `env` is added to the server's environment (a locale, say). */
  static async start(args: string[] = ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'], env: NodeJS.ProcessEnv = {}): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), args, env);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', ...this.args], {
      stdio: 'ignore',
      env: { ...process.env, ...this.env },
    });
    await waitFor(`redis-server on ${this.port}`, async () => ((await redisAnswers({ redisUrl: this.url }, 'optout-test-probe')) ? true : undefined), { timeoutMs: 10_000, intervalMs: 50 });
  }

  /** SIGKILL: what a crash does; the data directory (and AOF) stays for a restart. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
