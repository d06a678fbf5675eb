import { Logger, LoggerService } from '@nestjs/common';
import type { AppConfig } from '@optout/config';
import { createRedisClient, describeRedisTarget, isCluster, masterConnections, nodeAddress, RedisTarget, waitUntilReady } from '@optout/queue';

/** What the start-up check concluded about the Redis it is connected to. */
export interface RedisSettingsVerdict {
  /** Set when the process must not start: what is wrong and how to fix it. */
  refusal: string | null;
  warnings: string[];
}

/** `field:value` lines of an INFO answer. */
export function parseRedisInfo(info: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return fields;
}

const HOW_TO_FIX =
  'Set it with `redis-cli CONFIG SET maxmemory-policy noeviction` and keep it across restarts with `CONFIG REWRITE` or ' +
  '`maxmemory-policy noeviction` in redis.conf (on a managed Redis: its parameter group). ' +
  'REDIS_POLICY_CHECK=warn starts anyway, for a Redis you do not control and accept the risk of.';

/**
 * Judges the INFO of one Redis (sections memory and persistence); `where` names it in messages
 * ("Redis at redis://…", "Redis Cluster master host:port"; a bare URL gets "Redis at").
 *
 * Any eviction policy but `noeviction` lets Redis delete keys under memory pressure: a queued
 * STOP (lost opt-out) or a gate-cache entry (the gate's guarantee assumes none is evicted).
 * That refuses start-up unless `mode` is `warn`. AOF off is a warning: a Redis crash then
 * loses up to the last RDB snapshot — every job accepted since — which the API acknowledged.
 */
export function judgeRedisSettings(info: string, where: string, mode: 'strict' | 'warn'): RedisSettingsVerdict {
  if (!/^Redis /.test(where)) where = `Redis at ${where}`;
  const fields = parseRedisInfo(info);
  const warnings: string[] = [];
  let refusal: string | null = null;

  const policy = fields.get('maxmemory_policy');
  if (policy !== 'noeviction') {
    const problem =
      policy === undefined
        ? `${where} did not report its maxmemory-policy (INFO memory has no maxmemory_policy); it must be noeviction.`
        : `${where} has maxmemory-policy ${policy}: under memory pressure it would delete queued jobs (lost opt-outs) and gate-cache entries. It must be noeviction.`;
    if (mode === 'strict') refusal = `${problem} ${HOW_TO_FIX}`;
    else warnings.push(`${problem} Starting anyway because REDIS_POLICY_CHECK=warn.`);
  }

  if (fields.get('aof_enabled') === '0') {
    warnings.push(
      `${where} runs without the append-only file: a Redis crash loses every job since its last snapshot, messages the gateway already acknowledged. ` +
        'Turn it on with `CONFIG SET appendonly yes` (and appendonly yes in redis.conf).',
    );
  }
  return { refusal, warnings };
}

/**
 * The start-up check of every process, before Nest opens any connection or a worker takes a
 * job: Redis must not evict (REDIS_POLICY_CHECK=strict refuses to start otherwise) and
 * should keep an append-only file. Read with INFO, which managed Redis services allow even
 * where they disable CONFIG. On a Redis Cluster every master is read (each holds a share of
 * the keys, and a replica is promoted with its own settings: set them on every node) and
 * start-up waits until the cluster is ready (`cluster_state:ok`). Waits for Redis as the queue
 * module does (say, while compose starts it). Throws the refusal; logs the warnings.
 */
export async function assertRedisSettings(
  config: RedisTarget & Pick<AppConfig, 'redisPolicyCheck'>,
  logger: Pick<LoggerService, 'warn'> = new Logger('RedisSettings'),
  timeoutMs = 30_000,
): Promise<void> {
  const redis = createRedisClient(config, 'startup', 'optout-startup-check');
  redis.on('error', () => undefined); // reconnects until ready or the timeout
  try {
    await waitUntilReady(redis, config, timeoutMs);
    const masters = masterConnections(redis);
    const refusals: string[] = [];
    for (const node of masters) {
      const where = isCluster(redis) ? `Redis Cluster master ${nodeAddress(node)}` : describeRedisTarget(config);
      const info = `${await node.info('memory')}\n${await node.info('persistence')}`;
      const verdict = judgeRedisSettings(info, where, config.redisPolicyCheck);
      for (const warning of verdict.warnings) logger.warn(warning);
      if (verdict.refusal) refusals.push(verdict.refusal);
    }
    if (refusals.length > 0) throw new Error(refusals.join(' '));
  } finally {
    redis.disconnect();
  }
}
