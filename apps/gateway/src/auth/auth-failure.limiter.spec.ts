import { AuthFailureLimiter, isFailedAuthentication } from './auth-failure.limiter';

describe('AuthFailureLimiter', () => {
  it('lets an address fail its budget, then makes it wait, per address', () => {
    const limiter = new AuthFailureLimiter(6); // 6 a minute: one back every 10 s
    for (let i = 0; i < 6; i++) {
      expect(limiter.waitMs('198.51.100.1', 0)).toBe(0);
      limiter.failed('198.51.100.1', 0);
    }
    expect(limiter.waitMs('198.51.100.1', 0)).toBeGreaterThan(0);
    expect(limiter.waitMs('198.51.100.2', 0)).toBe(0);
    expect(limiter.waitMs('198.51.100.1', 10_001)).toBe(0);
  });

  it('does nothing when turned off (0)', () => {
    const limiter = new AuthFailureLimiter(0);
    for (let i = 0; i < 1000; i++) limiter.failed('198.51.100.1', 0);
    expect(limiter.waitMs('198.51.100.1', 0)).toBe(0);
  });
});

describe('isFailedAuthentication', () => {
  it('counts a refused credential, not a request that brought none', () => {
    expect(isFailedAuthentication('/v1/gate/x/y', 401, true)).toBe(true);
    expect(isFailedAuthentication('/v1/accounts', 401, false)).toBe(false);
    expect(isFailedAuthentication('/v1/accounts/x', 404, true)).toBe(false);
    expect(isFailedAuthentication('/ops/queues', 401, true)).toBe(true);
  });

  it('counts a carrier webhook with a bad signature or an unknown account', () => {
    expect(isFailedAuthentication('/v1/carriers/twilio/abc', 403, false)).toBe(true);
    expect(isFailedAuthentication('/v1/carriers/twilio/abc', 404, false)).toBe(true);
    expect(isFailedAuthentication('/v1/carriers/twilio/abc', 400, false)).toBe(false);
  });
});
