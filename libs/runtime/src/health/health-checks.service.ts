import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, migrationsApplied } from '@optout/database';
import { isCluster, masterConnections, nodeAddress, PRODUCER_REDIS, RedisClient } from '@optout/queue';

/** A probe's answer: HTTP status and terminus's JSON body. */
export interface HealthReport {
  status: 200 | 503;
  body: unknown;
}

/** A dependency that does not answer within this is as good as down for a probe. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * /health/live and /health/ready of every process (the gateway on its port, workers on
 * METRICS_PORT), with @nestjs/terminus.
 *
 * Live: the event loop answers. A failing liveness probe gets a process restarted, so it
 * must not depend on Redis or Postgres — restarting cannot fix them.
 * Ready: Redis answers PING (on a cluster: every master says `cluster_state:ok`), Postgres answers SELECT 1, every migration this build knows is
 * applied, and the process is not shutting down. Not ready takes a gateway out of the load
 * balancer and tells an orchestrator a worker cannot make progress.
 */
@Injectable()
export class HealthChecks {
  private readonly logger = new Logger('Health');
  private shuttingDown = false;
  private migrated = false;
  private lastReady: boolean | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(PRODUCER_REDIS) private readonly redis: RedisClient,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** From SIGTERM on, readiness fails so that no new work is routed here while it drains. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  live(): Promise<HealthReport> {
    return this.run([() => this.indicator.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  async ready(): Promise<HealthReport> {
    const report = await this.run([
      () => this.probe('redis', () => this.redisProblem()),
      () => this.probe('postgres', async () => (await this.dataSource.query('SELECT 1'), null)),
      () => this.probe('migrations', async () => ((await this.migrationsUpToDate()) ? null : 'pending migrations: the schema is older than this build')),
      () => (this.shuttingDown ? this.indicator.check('shutdown').down({ message: 'shutting down' }) : this.indicator.check('shutdown').up()),
    ]);
    const ready = report.status === 200;
    if (this.lastReady !== ready) {
      if (ready) this.logger.log('ready');
      else this.logger.warn({ msg: 'not ready', checks: (report.body as { error?: unknown }).error });
      this.lastReady = ready;
    }
    return report;
  }

  /**
   * A single Redis: PING. A cluster: CLUSTER INFO from every master the client knows — not
   * ready while any of them does not answer or says the cluster is not `ok` (a master lost and
   * its replica not yet promoted, slots uncovered), since some keys cannot be written then.
   */
  private async redisProblem(): Promise<string | null> {
    if (!isCluster(this.redis)) return (await this.redis.ping()) === 'PONG' ? null : 'unexpected PING answer';
    const masters = masterConnections(this.redis);
    if (masters.length === 0) return 'no master known (the cluster client is not connected)';
    const states = await Promise.all(
      masters.map(async (node) => {
        const state = /cluster_state:(\w+)/.exec(String(await node.cluster('INFO')))?.[1] ?? 'unknown';
        return state === 'ok' ? null : `${nodeAddress(node)} says cluster_state:${state}`;
      }),
    );
    const problems = states.filter((problem): problem is string => problem !== null);
    return problems.length === 0 ? null : problems.join('; ');
  }

  private async migrationsUpToDate(): Promise<boolean> {
    // Once applied, a build's migrations stay applied: no need to ask Postgres again.
    if (!this.migrated) this.migrated = await migrationsApplied(this.dataSource);
    return this.migrated;
  }

  /** `check` resolves null when all is well, or what is wrong. */
  private async probe(key: string, check: () => Promise<string | null>): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS)));
      const outcome = await Promise.race([check(), timeout]);
      return outcome === null ? session.up() : session.down({ message: outcome });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(checks: Array<() => Promise<HealthIndicatorResult> | HealthIndicatorResult>): Promise<HealthReport> {
    try {
      return { status: 200, body: await this.health.check(checks) };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return { status: 503, body: error.getResponse() };
      throw error;
    }
  }
}
