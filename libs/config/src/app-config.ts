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
  /** BullMQ prefix; a Redis Cluster hash tag by default so every queue key lands in one slot. */
  queuePrefix: string;
  /** Loopback and private webhook/reply targets are refused unless this is true (tests, laptops). */
  allowPrivateWebhookTargets: boolean;
  /** Delay before each retry of a webhook or reply, in order; its length is the number of retries. */
  webhookRetryDelaysMs: number[];
  /** Jobs processed at once by each worker of each queue in this process. */
  workerConcurrency: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Port of a worker process's own /metrics and /health server; 0 turns it off. The gateway serves them on PORT. */
  metricsPort: number;
  /** `strict`: refuse to start unless Redis evicts nothing (maxmemory-policy noeviction); `warn`: only say so. */
  redisPolicyCheck: 'strict' | 'warn';
  /** Single inbound requests arriving within this many ms share one queue job (0: one job each). */
  inboundBatchWindowMs: number;
  /** A micro-batch is sent as soon as it holds this many messages. */
  inboundBatchMaxMessages: number;
  /** Inbound jobs waiting beyond this bound make the gateway answer 503 + Retry-After. */
  inboundMaxBacklogJobs: number;
}

/** Redis keys that are not BullMQ's (the gate cache) live under the prefix without its braces. */
export function keyPrefixOf(config: Pick<AppConfig, 'queuePrefix'>): string {
  return config.queuePrefix.replace(/[{}]/g, '');
}
