import { fullBucket, retryAfterMs, take } from './token-bucket';

describe('token bucket', () => {
  const limit = { ratePerSecond: 10, burst: 20 };

  it('lets a burst through, then the rate', () => {
    const bucket = fullBucket(limit, 0);
    let passed = 0;
    for (let i = 0; i < 100; i++) if (take(bucket, limit, 1, 0) === 0) passed++;
    expect(passed).toBe(20);
    expect(take(bucket, limit, 1, 0)).toBe(100); // one token comes back every 100 ms
    expect(take(bucket, limit, 1, 50)).toBe(50);
    expect(take(bucket, limit, 1, 100)).toBe(0);
    expect(take(bucket, limit, 1, 100)).toBe(100);
  });

  it('lets one request larger than the burst through when full, then makes the next wait for the debt', () => {
    const bucket = fullBucket(limit, 0);
    expect(take(bucket, limit, 50, 0)).toBe(0);
    // Balance -30: 3.1 s at 10 a second before one token is there again.
    expect(retryAfterMs(bucket, limit, 1, 0)).toBe(3100);
    expect(take(bucket, limit, 50, 3100)).toBe(1900); // a large one waits for a full bucket (1 token there, 19 to go)
    expect(take(bucket, limit, 1, 3100)).toBe(0);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = fullBucket(limit, 0);
    take(bucket, limit, 1, 0);
    let passed = 0;
    for (let i = 0; i < 100; i++) if (take(bucket, limit, 1, 3_600_000) === 0) passed++;
    expect(passed).toBe(20);
  });
});
