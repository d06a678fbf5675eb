import { AppConfig, GATEWAY_ROLES, GatewayRole, RedisNodeAddress, SecretsKeyConfig } from './app-config';
import ipaddr from 'ipaddr.js';
import { ConfigError } from './config-error';

/**
 * About a day and a half of retries, front-loaded: a blip is retried within seconds, an
 * outage of the business's CRM over a weekend night still gets its events once it is back.
 * 5s, 30s, 2m, 10m, 30m, 1h, 3h, 6h, 12h, 12h ≈ 34.7 hours in all.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 43_200_000,
];

type Env = Record<string, string | undefined>;

export interface LoadConfigOptions {
  /** Variables that this process cannot run without (the gateway needs ADMIN_TOKEN, workers do not). */
  required?: Array<'ADMIN_TOKEN' | 'DATABASE_URL' | 'SECRETS_KEY'>;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const REDIS_POLICY_CHECKS = ['strict', 'warn'] as const;

/**
 * Reads and validates the environment once, at start-up. Every problem is collected so
 * that one failed start tells the operator everything to fix, not one variable at a time.
 */
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): AppConfig {
  const problems: string[] = [];
  const required = new Set(options.required ?? ['DATABASE_URL']);
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const url = (name: string, protocols: string[], fallback?: string): string => {
    const raw = text(name) ?? fallback;
    if (raw === undefined) {
      if (required.has(name as 'DATABASE_URL')) problems.push(`${name} is required (a ${protocols[0]}// URL)`);
      return '';
    }
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${parsed.protocol}//)`);
      }
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)} is not a URL (expected e.g. ${protocols[0]}//host:port)`);
    }
    return raw;
  };

  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}=${JSON.stringify(env[name])} must be true or false`);
    return fallback;
  };

  const adminToken = text('ADMIN_TOKEN') ?? null;
  if (adminToken === null && required.has('ADMIN_TOKEN')) {
    problems.push('ADMIN_TOKEN is required: the bearer token that creates accounts and opens /ops (at least 16 characters)');
  } else if (adminToken !== null && adminToken.length < 16) {
    problems.push('ADMIN_TOKEN must be at least 16 characters long');
  }

  const queuePrefix = text('QUEUE_PREFIX') ?? '{optout}';
  if (!/^[A-Za-z0-9_{}.-]{1,64}$/.test(queuePrefix) || queuePrefix.includes(':')) {
    problems.push(`QUEUE_PREFIX=${JSON.stringify(queuePrefix)} may hold only letters, digits, _ . - { } (no ':'), 1 to 64 of them`);
  }

  const webhookRetryDelaysMs = parseDelays(text('WEBHOOK_RETRY_DELAYS_MS'), problems);

  const logLevel = (text('LOG_LEVEL') ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const redisPolicyCheck = (text('REDIS_POLICY_CHECK')?.toLowerCase() ?? 'strict') as AppConfig['redisPolicyCheck'];
  if (!REDIS_POLICY_CHECKS.includes(redisPolicyCheck)) {
    problems.push(`REDIS_POLICY_CHECK=${JSON.stringify(env.REDIS_POLICY_CHECK)} must be strict (refuse to start unless maxmemory-policy is noeviction) or warn`);
  }

  const redisClusterNodes = parseClusterNodes(text('REDIS_CLUSTER_NODES'), problems);

  const config: AppConfig = {
    port: integer('PORT', 3000, 0, 65535),
    adminToken,
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 500),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisClusterNodes,
    redisWaitReplicas: integer('REDIS_WAIT_REPLICAS', redisClusterNodes ? 1 : 0, 0, 16),
    redisWaitTimeoutMs: integer('REDIS_WAIT_TIMEOUT_MS', 500, 10, 10_000),
    queuePrefix,
    allowPrivateWebhookTargets: boolean('ALLOW_PRIVATE_WEBHOOK_TARGETS', false),
    webhookRetryDelaysMs,
    workerConcurrency: integer('WORKER_CONCURRENCY', 8, 1, 1000),
    webhookTimeoutMs: integer('WEBHOOK_TIMEOUT_MS', 15_000, 100, 120_000),
    profileRecheckMs: integer('PROFILE_RECHECK_MS', 30_000, 1_000, 3_600_000),
    inboundBatchWindowMs: integer('INBOUND_BATCH_WINDOW_MS', 2, 0, 1000),
    inboundBatchMaxMessages: integer('INBOUND_BATCH_MAX_MESSAGES', 500, 1, 10_000),
    inboundMaxBacklogJobs: integer('INBOUND_MAX_BACKLOG_JOBS', 20_000, 1, 10_000_000),
    publicBaseUrl: text('PUBLIC_BASE_URL') === undefined ? null : url('PUBLIC_BASE_URL', ['https:', 'http:']).replace(/\/+$/, ''),
    logLevel,
    metricsPort: integer('METRICS_PORT', 9464, 0, 65535),
    redisPolicyCheck,
    keepCompletedSeconds: integer('QUEUE_KEEP_COMPLETED_SECONDS', 3600, 1, 7 * 86_400),
    opsPort: text('OPS_PORT') === undefined ? null : integer('OPS_PORT', 0, 1, 65535),
    opsDashboardWrite: boolean('OPS_DASHBOARD_WRITE', false),
    authFailuresPerMinute: integer('AUTH_FAILURES_PER_MINUTE', 60, 0, 1_000_000),
    trustProxy: parseTrustProxy(text('TRUST_PROXY'), problems),
    secretsKey: text('SECRETS_KEY') === undefined ? null : parseSecretsKey('SECRETS_KEY', text('SECRETS_KEY')!, problems),
    secretsKeysPrevious: (text('SECRETS_KEY_PREVIOUS') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => parseSecretsKey('SECRETS_KEY_PREVIOUS', entry, problems))
      .filter((key): key is SecretsKeyConfig => key !== null),
    gatewayRoles: parseRoles(text('GATEWAY_ROLES'), problems),
    inboundAccountMessagesPerSecond: integer('INBOUND_ACCOUNT_MESSAGES_PER_SECOND', 500, 0, 10_000_000),
    inboundAccountBytesPerSecond: integer('INBOUND_ACCOUNT_BYTES_PER_SECOND', 1_048_576, 0, 10_000_000_000),
    redisMemoryHighWaterPercent: integer('REDIS_MEMORY_HIGH_WATER_PERCENT', 80, 0, 99),
    inboundKeepCompletedSeconds: integer('INBOUND_KEEP_COMPLETED_SECONDS', 300, 1, 7 * 86_400),
  };
  if (config.secretsKey === null && required.has('SECRETS_KEY')) {
    problems.push(`SECRETS_KEY is required: ${SECRETS_KEY_FORM} (it encrypts webhook secrets and carrier credentials in Postgres; generate one with: node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))")`);
  }
  if (config.opsPort !== null && config.opsPort === config.port) {
    problems.push(`OPS_PORT=${config.opsPort} must differ from PORT: the operations server is the internal one, apart from the public API`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * REDIS_CLUSTER_NODES: comma-separated `host:port` seeds (an IPv6 host in brackets). A few
 * are enough: the client learns the rest of the cluster from any one that answers.
 */
function parseClusterNodes(raw: string | undefined, problems: string[]): RedisNodeAddress[] | null {
  if (raw === undefined) return null;
  const nodes: RedisNodeAddress[] = [];
  for (const part of raw.split(',').map((item) => item.trim())) {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(part);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      problems.push(`REDIS_CLUSTER_NODES: ${JSON.stringify(part)} is not host:port (a comma list of seed nodes, e.g. redis-1:6379,redis-2:6379)`);
      continue;
    }
    nodes.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  if (nodes.length > 64) problems.push('REDIS_CLUSTER_NODES lists more than 64 seed nodes; a few are enough');
  return nodes.length > 0 ? nodes : null;
}

const SECRETS_KEY_FORM = '<key id>:<32 random bytes in base64>, e.g. k1:3q2+7w…=';

function parseSecretsKey(name: string, raw: string, problems: string[]): SecretsKeyConfig | null {
  const colon = raw.indexOf(':');
  const id = colon > 0 ? raw.slice(0, colon) : '';
  const key = colon > 0 ? Buffer.from(raw.slice(colon + 1), 'base64') : Buffer.alloc(0);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw.slice(colon + 1))) {
    // The value is a secret: never echoed back.
    problems.push(`${name} must be ${SECRETS_KEY_FORM} — the id 1 to 32 letters, digits, _ or -; the key exactly 32 bytes`);
    return null;
  }
  return { id, key };
}

/**
 * Proxies believed when TRUST_PROXY is unset: those on this host or a private network (where a
 * load balancer in front of the gateway is), never a caller on the internet — whose own
 * X-Forwarded-For would otherwise choose the address its failed authentications count against.
 */
export const DEFAULT_TRUSTED_PROXIES = ['loopback', 'linklocal', 'uniquelocal'];
const PROXY_RANGE_NAMES = new Set(DEFAULT_TRUSTED_PROXIES);

function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string[] {
  if (raw === undefined) return [...DEFAULT_TRUSTED_PROXIES];
  if (['true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', 'no', '0'].includes(raw.toLowerCase())) return false;
  // A number is a hop count, 1 included (one load balancer): never "believe everything".
  if (/^\d+$/.test(raw) && Number(raw) <= 20) return Number(raw);
  const entries = raw.split(',').map((entry) => (PROXY_RANGE_NAMES.has(entry.trim().toLowerCase()) ? entry.trim().toLowerCase() : entry.trim()));
  // Checked here as Fastify's proxy-addr will read them: a bad one would stop the gateway at start with its own error.
  const isAddressOrRange = (entry: string) => PROXY_RANGE_NAMES.has(entry) || isAddressOrCidr(entry);
  if (entries.every(isAddressOrRange)) return entries;
  problems.push(
    `TRUST_PROXY=${JSON.stringify(raw)} must be true, false, a hop count (1 to 20) or a comma list of proxy addresses/CIDRs or ${DEFAULT_TRUSTED_PROXIES.join(', ')}, e.g. 10.0.0.0/8,127.0.0.1`,
  );
  return false;
}

/** An address written as people write them (four decimal parts, or IPv6), optionally /prefix. */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address)) return false;
  if (prefix === undefined) return true;
  return rest.length === 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

function parseRoles(raw: string | undefined, problems: string[]): GatewayRole[] {
  if (raw === undefined) return [...GATEWAY_ROLES];
  const names = raw.split(',').map((part) => part.trim().toLowerCase());
  const unknown = names.filter((name) => !(GATEWAY_ROLES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    problems.push(`GATEWAY_ROLES=${JSON.stringify(raw)} must be a comma list of ${GATEWAY_ROLES.join(', ')} (got ${unknown.map((name) => JSON.stringify(name)).join(', ')})`);
    return [...GATEWAY_ROLES];
  }
  // In a fixed order, once each: the order of the list does not matter.
  return GATEWAY_ROLES.filter((role) => names.includes(role));
}

function parseDelays(raw: string | undefined, problems: string[]): number[] {
  if (raw === undefined) return [...DEFAULT_WEBHOOK_RETRY_DELAYS_MS];
  const parts = raw.split(',').map((part) => part.trim());
  const delays = parts.map(Number);
  if (parts.length > 50 || delays.some((d, i) => parts[i] === '' || !Number.isInteger(d) || d < 0 || d > 7 * 86_400_000)) {
    problems.push(
      `WEBHOOK_RETRY_DELAYS_MS=${JSON.stringify(raw)} must be a comma list of at most 50 whole milliseconds, each from 0 to 604800000 (7 days), e.g. 5000,30000,120000`,
    );
    return [...DEFAULT_WEBHOOK_RETRY_DELAYS_MS];
  }
  return delays;
}
