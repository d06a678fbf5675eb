import { judgeRedisSettings, parseRedisInfo } from './redis-settings.check';

const info = (policy: string | null, aof: '0' | '1') =>
  ['# Memory', 'used_memory:1000', ...(policy ? [`maxmemory_policy:${policy}`] : []), '', '# Persistence', `aof_enabled:${aof}`, ''].join('\r\n');

describe('judgeRedisSettings', () => {
  it('accepts noeviction with AOF on, silently', () => {
    expect(judgeRedisSettings(info('noeviction', '1'), 'redis://r:6379', 'strict')).toEqual({ refusal: null, warnings: [] });
  });

  it('refuses an evicting policy in strict mode, saying how to fix it', () => {
    const verdict = judgeRedisSettings(info('allkeys-lru', '1'), 'redis://r:6379', 'strict');
    expect(verdict.refusal).toContain('maxmemory-policy allkeys-lru');
    expect(verdict.refusal).toContain('CONFIG SET maxmemory-policy noeviction');
    expect(verdict.refusal).toContain('redis.conf');
    expect(verdict.refusal).toContain('REDIS_POLICY_CHECK=warn');
  });

  it('only warns about the policy in warn mode', () => {
    const verdict = judgeRedisSettings(info('volatile-lru', '1'), 'redis://r:6379', 'warn');
    expect(verdict.refusal).toBeNull();
    expect(verdict.warnings).toEqual([expect.stringContaining('maxmemory-policy volatile-lru')]);
  });

  it('refuses a Redis that hides its policy in strict mode', () => {
    expect(judgeRedisSettings(info(null, '1'), 'redis://r:6379', 'strict').refusal).toContain('did not report its maxmemory-policy');
  });

  it('warns when the append-only file is off', () => {
    const verdict = judgeRedisSettings(info('noeviction', '0'), 'redis://r:6379', 'strict');
    expect(verdict.refusal).toBeNull();
    expect(verdict.warnings).toEqual([expect.stringContaining('without the append-only file')]);
  });

  it('parses INFO lines and skips section headers', () => {
    expect(parseRedisInfo('# Server\r\nredis_version:7.0.15\r\nos:Linux x:y\r\n')).toEqual(new Map([['redis_version', '7.0.15'], ['os', 'Linux x:y']]));
  });
});
