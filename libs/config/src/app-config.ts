/** A key that seals secrets at rest (SECRETS_KEY=`<id>:<base64 of 32 bytes>`). */
export interface SecretsKeyConfig {
  id: string;
  key: Buffer;
}
/**
 * What a gateway process serves (GATEWAY_ROLES): `edge` — carrier ingestion and the send gate;
 * `admin` — the account API (accounts, compliance, block list, webhooks, reply transports, API
 * keys, the console); `ops` — /metrics and the queue dashboard. Health probes answer in every role.
 */
export type GatewayRole = 'edge' | 'admin' | 'ops';

export const GATEWAY_ROLES: readonly GatewayRole[] = ['edge', 'admin', 'ops'];

/** The whole runtime configuration, typed. Only `loadConfig` builds one. */
export interface AppConfig {
  /** HTTP port of the gateway (and of the standalone process). */
  port: number;
  /** Bearer token for account creation and /ops; null only where no HTTP admin surface runs. */
  adminToken: string | null;
  databaseUrl: string;
  /** Connections per process. PGlite serves one connection at a time, so the launcher sets 1 for it. */
  databasePoolSize: number;
  redisUrl: string;
  /**
   * Seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES). Set: every Redis connection of the
   * process is an ioredis Cluster built from these seeds and `redisUrl` is not used; null: the
   * single Redis at `redisUrl`.
   */
  redisClusterNodes: RedisNodeAddress[] | null;
  /**
   * After writing a queued job or a gate-cache entry, wait (Redis WAIT) until this many
   * replicas hold it, so that a failover does not roll back an acknowledged STOP. 0: do not
   * wait. Default 1 on a cluster, 0 on a single Redis (docs/reliability.md, "Failover").
   */
  redisWaitReplicas: number;
  /** The longest such a wait may take; past it the write stands on the master alone (logged). */
  redisWaitTimeoutMs: number;
  /** BullMQ prefix; a Redis Cluster hash tag by default so every queue key lands in one slot. */
  queuePrefix: string;
  /** Loopback and private webhook/reply targets are refused unless this is true (tests, laptops). */
  allowPrivateWebhookTargets: boolean;
  /** Delay before each retry of a webhook or reply, in order; its length is the number of retries. */
  webhookRetryDelaysMs: number[];
  /** Jobs processed at once by each worker of each queue in this process. */
  workerConcurrency: number;
  /** Longest a webhook or reply request may take, connect to last byte (WEBHOOK_TIMEOUT_MS); then it counts as failed and is retried. */
  webhookTimeoutMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * How long a replica trusts its compiled compliance profile before re-checking the version in
   * Postgres. Saved changes are pushed over Redis at once; this is only the net for a lost push.
   */
  profileRecheckMs: number;
  /** Port of a worker process's own /metrics and /health server; 0 turns it off. The gateway serves them on PORT. */
  metricsPort: number;
  /** `strict`: refuse to start unless Redis evicts nothing (maxmemory-policy noeviction); `warn`: only say so. */
  redisPolicyCheck: 'strict' | 'warn';
  /** Seconds a completed job stays in Redis (BullMQ ignores a repeated job id meanwhile); memory holds about this much traffic. */
  keepCompletedSeconds: number;
  /** Single inbound requests arriving within this many ms share one queue job (0: one job each). */
  inboundBatchWindowMs: number;
  /** A micro-batch is sent as soon as it holds this many messages. */
  inboundBatchMaxMessages: number;
  /** Inbound jobs waiting beyond this bound make the gateway answer 503 + Retry-After. */
  inboundMaxBacklogJobs: number;
  /**
   * The gateway's address as carriers see it (behind proxies), e.g. https://optout.example.com.
   * Twilio signs the URL it called; null: rebuilt from the request's Host and X-Forwarded-Proto.
   */
  publicBaseUrl: string | null;
  /**
   * Port of the gateway's internal operations server (/metrics and /ops: the queue dashboard and
   * queue health). Null: they are served on `port` beside the API. When set, the public port
   * answers 404 for them, so only whoever can reach this port can scrape or open the dashboard.
   */
  opsPort: number | null;
  /** The gateway's roles (GATEWAY_ROLES, default all three): a route of another role answers 404. */
  gatewayRoles: GatewayRole[];
  /** The queue dashboard may empty, pause, retry, clean and add jobs only when this is true; read-only otherwise. */
  opsDashboardWrite: boolean;
  /** Failed authentications a client address may make per minute (per gateway replica) before it gets 429; 0: no limit. */
  authFailuresPerMinute: number;
  /**
   * Which X-Forwarded-For entries the gateway believes (Fastify's `trustProxy`): true = all (the
   * left-most address is the client — only right when every caller comes through a proxy that
   * overwrites the header), a hop count, or the proxies' addresses/CIDRs. Decides the client
   * address that failed authentications are counted against.
   */
  trustProxy: boolean | number | string[];
  /**
   * Seals webhook secrets and carrier credentials in Postgres (AES-256-GCM). Required by the
   * processes that read them (gateway, dispatcher, standalone); null elsewhere.
   */
  secretsKey: SecretsKeyConfig | null;
  /** Keys that sealed rows before a rotation: they still open them until the start-up re-seal has moved every row to `secretsKey`. */
  secretsKeysPrevious: SecretsKeyConfig[];
  /** Messages one account may post to /v1/inbound(/batch) per second, per gateway replica (two seconds' burst); 0: no limit. */
  inboundAccountMessagesPerSecond: number;
  /** Bytes of message text one account may post per second, per gateway replica (two seconds' burst); 0: no limit. */
  inboundAccountBytesPerSecond: number;
  /** Inbound is refused (503) while Redis's used_memory is above this share of its maxmemory; 0: off. */
  redisMemoryHighWaterPercent: number;
  /** Seconds completed inbound and consent jobs (which carry message text) stay in Redis. */
  inboundKeepCompletedSeconds: number;
}

/** One `host:port` of REDIS_CLUSTER_NODES. */
export interface RedisNodeAddress {
  host: string;
  port: number;
}

/** Redis keys that are not BullMQ's (the gate cache) live under the prefix without its braces. */
export function keyPrefixOf(config: Pick<AppConfig, 'queuePrefix'>): string {
  return config.queuePrefix.replace(/[{}]/g, '');
}
