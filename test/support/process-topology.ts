import { Queue } from 'bullmq';
import { ALL_QUEUE_NAMES, QueueName } from '@optout/contracts';
import { AppName, AppProcess, freePort } from './app-processes';
import { gatewayRequest } from './gateway-request';
import { waitFor } from './wait-for';

export type WorkerName = Exclude<AppName, 'gateway'>;

/**
 * The production topology as OS processes from dist/ (run the build first): one gateway and
 * any number of each worker, against a Redis and a database the test chose. Workers can be
 * killed and started again one by one, which is what the crash and Redis-restart suites do.
 */
export class ProcessTopology {
  readonly workers: AppProcess[] = [];
  /** Each worker's own METRICS_PORT: its /health/live answers once the worker runs. */
  private readonly healthPorts = new Map<AppProcess, number>();

  private constructor(
    readonly gateway: AppProcess,
    readonly baseUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * `env` is the common environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, ADMIN_TOKEN…).
   * Each worker gets a METRICS_PORT of its own (replicas on one host would otherwise fight
   * over 9464), kept across restarts, so readiness is read from its /health/live whatever
   * LOG_LEVEL says.
   */
  static async start(env: Record<string, string>, workers: Partial<Record<WorkerName, number>>): Promise<ProcessTopology> {
    const port = await freePort();
    const gateway = new AppProcess('gateway', { ...env, PORT: String(port) }).start();
    const topology = new ProcessTopology(gateway, `http://127.0.0.1:${port}`, env);
    for (const [app, count] of Object.entries(workers) as Array<[WorkerName, number]>) {
      for (let i = 0; i < count; i++) topology.workers.push(topology.startWorker(app, await freePort()));
    }
    try {
      await topology.waitForGateway();
      await Promise.all(topology.workers.map((worker) => topology.waitUntilRunning(worker)));
    } catch (error) {
      await topology.stopAll('SIGKILL');
      throw error;
    }
    return topology;
  }

  private startWorker(app: WorkerName, healthPort: number): AppProcess {
    const worker = new AppProcess(app, { ...this.env, METRICS_PORT: String(healthPort) });
    this.healthPorts.set(worker, healthPort);
    return worker.start();
  }

  /** A JSON request to the gateway (see gatewayRequest). */
  request(method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: any }> {
    return gatewayRequest(this.baseUrl, method, path, token, json);
  }

  async waitForGateway(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      'the gateway to be ready',
      async () => {
        if (!this.gateway.running) throw new Error(`the gateway exited:\n${this.gateway.output.slice(-2000)}`);
        return (await fetch(`${this.baseUrl}/health/ready`).then((r) => r.status, () => 0)) === 200 ? true : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** Resolves once the worker's process answers on its health port: its workers are running. */
  async waitUntilRunning(worker: AppProcess, timeoutMs = 60_000): Promise<void> {
    const url = `http://127.0.0.1:${this.healthPorts.get(worker)}/health/live`;
    await waitFor(
      `${worker.app} to run`,
      async () => {
        if (!worker.running) throw new Error(`${worker.app} exited:\n${worker.output.slice(-2000)}`);
        return (await fetch(url).then((r) => r.status, () => 0)) === 200 ? true : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** SIGKILL: no shutdown hook runs, active jobs are left behind as a crash leaves them. */
  async kill(worker: AppProcess): Promise<void> {
    await worker.stop('SIGKILL');
  }

  /** Starts a stopped worker again (same environment). */
  restart(worker: AppProcess): void {
    if (!worker.running) worker.start();
  }

  async stopAll(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await Promise.all([this.gateway, ...this.workers].map((process) => process.stop(signal)));
  }
}

/** Job counts of every queue under a prefix, read straight from Redis. */
export async function queueCounts(redisUrl: string, prefix: string): Promise<Record<QueueName, Record<string, number>>> {
  const result = {} as Record<QueueName, Record<string, number>>;
  for (const name of ALL_QUEUE_NAMES) {
    const queue = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
    queue.on('error', () => undefined);
    try {
      result[name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
    } finally {
      await queue.close();
    }
  }
  return result;
}

/** The failed jobs of a queue with their reasons (for a failure message that says what happened). */
export async function failedJobs(redisUrl: string, prefix: string, name: QueueName, limit = 20): Promise<Array<{ id: string | undefined; reason: string; attempts: number }>> {
  const queue = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
  queue.on('error', () => undefined);
  try {
    const jobs = await queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({ id: job.id, reason: job.failedReason, attempts: job.attemptsMade }));
  } finally {
    await queue.close();
  }
}

/** True when no queue has anything waiting, running or scheduled. */
export function drained(counts: Record<string, Record<string, number>>): boolean {
  return Object.values(counts).every((count) => count.waiting + count.active + count.delayed + count.prioritized === 0);
}
