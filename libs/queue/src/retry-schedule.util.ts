/** An error that asks for a later retry than the schedule would give (HTTP 429 / 503 `Retry-After`). */
export class RetryAfterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryAfterError';
  }
}

/**
 * Delay before retry number `attemptsMade` (1-based) on the configured schedule, with ±20 %
 * jitter so that endpoints recovering from an outage are not hit by every retry at once.
 * Jitter is proportional rather than "full" so a 12-hour step stays roughly 12 hours.
 */
export function scheduledDelay(attemptsMade: number, delaysMs: number[], error?: Error, random: () => number = Math.random): number {
  const base = delaysMs[Math.min(attemptsMade, delaysMs.length) - 1] ?? 0;
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  const asked = error instanceof RetryAfterError ? error.retryAfterMs : 0;
  return Math.max(jittered, asked);
}
