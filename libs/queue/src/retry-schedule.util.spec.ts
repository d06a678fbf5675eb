import { RetryAfterError, scheduledDelay } from './retry-schedule.util';

describe('scheduledDelay', () => {
  const schedule = [1_000, 10_000, 100_000];

  it('follows the schedule step by step within ±20 % jitter', () => {
    expect(scheduledDelay(1, schedule, undefined, () => 0)).toBe(800);
    expect(scheduledDelay(2, schedule, undefined, () => 0.5)).toBe(10_000);
    expect(scheduledDelay(3, schedule, undefined, () => 1)).toBe(120_000);
  });

  it('keeps the last step once the schedule is exhausted', () => {
    expect(scheduledDelay(9, schedule, undefined, () => 0.5)).toBe(100_000);
  });

  it('waits at least as long as a Retry-After asks', () => {
    expect(scheduledDelay(1, schedule, new RetryAfterError('429', 60_000), () => 0.5)).toBe(60_000);
    expect(scheduledDelay(3, schedule, new RetryAfterError('429', 5), () => 0.5)).toBe(100_000);
  });
});
