import { ConfigError } from './config-error';
import { DEFAULT_WEBHOOK_RETRY_DELAYS_MS, loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app' };

function problemsOf(env: Record<string, string>, required?: Array<'ADMIN_TOKEN' | 'DATABASE_URL' | 'SECRETS_KEY'>): string[] {
  try {
    loadConfig(env, { required });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: '{optout}',
      allowPrivateWebhookTargets: false,
      adminToken: null,
    });
    expect(config.webhookRetryDelaysMs).toEqual(DEFAULT_WEBHOOK_RETRY_DELAYS_MS);
  });

  it('defaults to a retry schedule of about a day and a half', () => {
    const totalHours = DEFAULT_WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(totalHours).toBeGreaterThan(30);
    expect(totalHours).toBeLessThan(40);
  });

  it('names the variable and the rule for every bad value at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'nope',
      ALLOW_PRIVATE_WEBHOOK_TARGETS: 'maybe',
      WEBHOOK_RETRY_DELAYS_MS: '1000,,abc',
      QUEUE_PREFIX: 'a:b',
    });
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('PORT="eighty" must be a whole number'),
      expect.stringContaining('DATABASE_URL must start with postgres://'),
      expect.stringContaining('REDIS_URL="nope" is not a URL'),
      expect.stringContaining('QUEUE_PREFIX="a:b"'),
      expect.stringContaining('WEBHOOK_RETRY_DELAYS_MS="1000,,abc" must be a comma list'),
      expect.stringContaining('ALLOW_PRIVATE_WEBHOOK_TARGETS="maybe" must be true or false'),
    ]));
  });

  it('requires ADMIN_TOKEN only where asked, and refuses a short one', () => {
    expect(problemsOf(base, ['ADMIN_TOKEN', 'DATABASE_URL'])).toEqual([expect.stringContaining('ADMIN_TOKEN is required')]);
    expect(problemsOf({ ...base, ADMIN_TOKEN: 'short' })).toEqual(['ADMIN_TOKEN must be at least 16 characters long']);
  });

  it('requires DATABASE_URL by default', () => {
    expect(problemsOf({})).toEqual([expect.stringContaining('DATABASE_URL is required')]);
  });

  it('reads the public base URL without its trailing slash', () => {
    expect(loadConfig(base).publicBaseUrl).toBeNull();
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://optout.example.com/' }).publicBaseUrl).toBe('https://optout.example.com');
    expect(problemsOf({ ...base, PUBLIC_BASE_URL: 'optout.example.com' })).toEqual([expect.stringContaining('PUBLIC_BASE_URL')]);
  });

  it('reads the ingestion bounds', () => {
    expect(loadConfig(base)).toMatchObject({ inboundBatchWindowMs: 2, inboundBatchMaxMessages: 500, inboundMaxBacklogJobs: 20_000 });
    const config = loadConfig({ ...base, INBOUND_BATCH_WINDOW_MS: '0', INBOUND_MAX_BACKLOG_JOBS: '10' });
    expect(config).toMatchObject({ inboundBatchWindowMs: 0, inboundMaxBacklogJobs: 10 });
    expect(problemsOf({ ...base, INBOUND_BATCH_MAX_MESSAGES: '0' })).toEqual([expect.stringContaining('INBOUND_BATCH_MAX_MESSAGES="0" must be a whole number from 1')]);
  });

  it('reads the operations settings: metrics port (0 turns it off) and the Redis policy check', () => {
    expect(loadConfig(base)).toMatchObject({ metricsPort: 9464, redisPolicyCheck: 'strict', keepCompletedSeconds: 3600 });
    expect(loadConfig({ ...base, QUEUE_KEEP_COMPLETED_SECONDS: '5' }).keepCompletedSeconds).toBe(5);
    expect(loadConfig({ ...base, METRICS_PORT: '0', REDIS_POLICY_CHECK: 'WARN' })).toMatchObject({ metricsPort: 0, redisPolicyCheck: 'warn' });
    const problems = problemsOf({ ...base, METRICS_PORT: '70000', REDIS_POLICY_CHECK: 'off' });
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('METRICS_PORT="70000" must be a whole number from 0 to 65535'),
      expect.stringContaining('REDIS_POLICY_CHECK="off" must be strict'),
    ]));
  });

  it('reads GATEWAY_ROLES: all three by default, any comma list of edge, admin, ops, nothing else', () => {
    expect(loadConfig(base).gatewayRoles).toEqual(['edge', 'admin', 'ops']);
    expect(loadConfig({ ...base, GATEWAY_ROLES: ' ops , Edge' }).gatewayRoles).toEqual(['edge', 'ops']);
    expect(loadConfig({ ...base, GATEWAY_ROLES: 'admin,admin' }).gatewayRoles).toEqual(['admin']);
    expect(problemsOf({ ...base, GATEWAY_ROLES: 'edge,public' })).toEqual([expect.stringContaining('GATEWAY_ROLES="edge,public" must be a comma list of edge, admin, ops (got "public")')]);
    expect(problemsOf({ ...base, GATEWAY_ROLES: 'edge,' })).toHaveLength(1);
  });

  it('reads the admin surface settings: OPS_PORT (off by default, never PORT) and dashboard writes (off)', () => {
    expect(loadConfig(base)).toMatchObject({ opsPort: null, opsDashboardWrite: false });
    expect(loadConfig({ ...base, OPS_PORT: '9464', OPS_DASHBOARD_WRITE: 'true' })).toMatchObject({ opsPort: 9464, opsDashboardWrite: true });
    expect(problemsOf({ ...base, OPS_PORT: '3000' })).toEqual([expect.stringContaining('OPS_PORT=3000 must differ from PORT')]);
    expect(problemsOf({ ...base, OPS_PORT: '0' })).toEqual([expect.stringContaining('OPS_PORT="0" must be a whole number from 1 to 65535')]);
  });

  it('reads the failed-authentication limit and which proxies to believe', () => {
    expect(loadConfig(base)).toMatchObject({ authFailuresPerMinute: 60, trustProxy: ['loopback', 'linklocal', 'uniquelocal'] });
    expect(loadConfig({ ...base, AUTH_FAILURES_PER_MINUTE: '0', TRUST_PROXY: 'false' })).toMatchObject({ authFailuresPerMinute: 0, trustProxy: false });
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    // One load balancer: a hop count of 1, not "believe the whole header" (which '1' once meant).
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback,10.1.2.0/24' }).trustProxy).toEqual(['loopback', '10.1.2.0/24']);
    expect(loadConfig({ ...base, TRUST_PROXY: ' Loopback , UNIQUELOCAL' }).trustProxy).toEqual(['loopback', 'uniquelocal']);
    expect(problemsOf({ ...base, TRUST_PROXY: '1.5' })).toEqual([expect.stringContaining('TRUST_PROXY="1.5" must be')]);
    expect(problemsOf({ ...base, TRUST_PROXY: '21' })).toEqual([expect.stringContaining('TRUST_PROXY="21" must be')]);
    expect(problemsOf({ ...base, TRUST_PROXY: '10.0.0.0/33' })).toEqual([expect.stringContaining('TRUST_PROXY="10.0.0.0/33" must be')]);
    expect(problemsOf({ ...base, TRUST_PROXY: '0x7f.1' })).toEqual([expect.stringContaining('TRUST_PROXY="0x7f.1" must be')]);
    expect(loadConfig({ ...base, TRUST_PROXY: 'fd00::/8, ::ffff:10.0.0.1' }).trustProxy).toEqual(['fd00::/8', '::ffff:10.0.0.1']);
    expect(problemsOf({ ...base, TRUST_PROXY: 'the load balancer' })).toEqual([expect.stringContaining('TRUST_PROXY="the load balancer" must be true, false, a hop count')]);
  });

  it('reads the secrets keys (id:base64 of 32 bytes), requires SECRETS_KEY where asked, and never echoes a bad one', () => {
    const k1 = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
    const k0 = `k0:${Buffer.alloc(32, 2).toString('base64')}`;
    expect(loadConfig(base)).toMatchObject({ secretsKey: null, secretsKeysPrevious: [] });
    const config = loadConfig({ ...base, SECRETS_KEY: k1, SECRETS_KEY_PREVIOUS: `${k0}, ` });
    expect(config.secretsKey).toEqual({ id: 'k1', key: Buffer.alloc(32, 1) });
    expect(config.secretsKeysPrevious).toEqual([{ id: 'k0', key: Buffer.alloc(32, 2) }]);
    expect(problemsOf(base, ['SECRETS_KEY', 'DATABASE_URL'])).toEqual([expect.stringContaining('SECRETS_KEY is required')]);
    const problems = problemsOf({ ...base, SECRETS_KEY: 'k1:c2hvcnQ=', SECRETS_KEY_PREVIOUS: 'no-colon' });
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).not.toContain('c2hvcnQ');
  });

  it('reads the per-account ingestion quotas, the Redis memory high-water mark and the retention of jobs with text', () => {
    expect(loadConfig(base)).toMatchObject({ inboundAccountMessagesPerSecond: 500, inboundAccountBytesPerSecond: 1_048_576, redisMemoryHighWaterPercent: 80, inboundKeepCompletedSeconds: 300 });
    expect(loadConfig({ ...base, INBOUND_ACCOUNT_MESSAGES_PER_SECOND: '0', REDIS_MEMORY_HIGH_WATER_PERCENT: '0' })).toMatchObject({ inboundAccountMessagesPerSecond: 0, redisMemoryHighWaterPercent: 0 });
    expect(problemsOf({ ...base, REDIS_MEMORY_HIGH_WATER_PERCENT: '100' })).toEqual([expect.stringContaining('REDIS_MEMORY_HIGH_WATER_PERCENT="100" must be a whole number from 0 to 99')]);
  });

  it('reads how often a replica re-checks its compliance profiles (the net under the pushed changes)', () => {
    expect(loadConfig(base).profileRecheckMs).toBe(30_000);
    expect(loadConfig({ ...base, PROFILE_RECHECK_MS: '5000' }).profileRecheckMs).toBe(5_000);
    expect(problemsOf({ ...base, PROFILE_RECHECK_MS: '10' })).toEqual([expect.stringContaining('PROFILE_RECHECK_MS="10" must be a whole number from 1000 to 3600000')]);
  });

  it('reads the webhook and reply timeout: 15 s by default, bounded both ways', () => {
    expect(loadConfig(base).webhookTimeoutMs).toBe(15_000);
    expect(loadConfig({ ...base, WEBHOOK_TIMEOUT_MS: '500' }).webhookTimeoutMs).toBe(500);
    expect(problemsOf({ ...base, WEBHOOK_TIMEOUT_MS: '50' })).toEqual([expect.stringContaining('WEBHOOK_TIMEOUT_MS="50" must be a whole number from 100 to 120000')]);
    expect(problemsOf({ ...base, WEBHOOK_TIMEOUT_MS: '15s' })).toEqual([expect.stringContaining('WEBHOOK_TIMEOUT_MS="15s"')]);
  });

  it('parses a retry schedule and booleans', () => {
    const config = loadConfig({ ...base, WEBHOOK_RETRY_DELAYS_MS: '10, 20,30', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'TRUE' });
    expect(config.webhookRetryDelaysMs).toEqual([10, 20, 30]);
    expect(config.allowPrivateWebhookTargets).toBe(true);
  });
  describe('REDIS_CLUSTER_NODES', () => {
    it('is off unless set: the single Redis at REDIS_URL', () => {
      expect(loadConfig(base).redisClusterNodes).toBeNull();
      expect(loadConfig({ ...base, REDIS_CLUSTER_NODES: '  ' }).redisClusterNodes).toBeNull();
    });

    it('reads comma-separated host:port seeds, IPv6 hosts in brackets', () => {
      expect(loadConfig({ ...base, REDIS_CLUSTER_NODES: 'redis-1:7000, 10.0.0.2:7001,[::1]:7002' }).redisClusterNodes).toEqual([
        { host: 'redis-1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ]);
    });

    it('names each seed that is not host:port', () => {
      expect(problemsOf({ ...base, REDIS_CLUSTER_NODES: 'redis-1:7000,redis-2,redis://r:1,h:70000,' })).toEqual([
        expect.stringContaining('REDIS_CLUSTER_NODES: "redis-2" is not host:port'),
        expect.stringContaining('"redis://r:1" is not host:port'),
        expect.stringContaining('"h:70000" is not host:port'),
        expect.stringContaining('"" is not host:port'),
      ]);
    });
  });
});
