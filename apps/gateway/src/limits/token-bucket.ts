/**
 * A token bucket as plain data, refilled lazily from the clock: `ratePerSecond` tokens a
 * second, holding at most `burst`. A request of `cost` tokens passes when the balance covers
 * it — or, for a request larger than the whole burst (a 1000-message batch against a small
 * per-second quota), when the bucket is full, leaving a debt that is paid back before anything
 * else passes. So the long-run rate is the limit whatever the size of each request, and the
 * wait says when the request would pass.
 */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export interface BucketLimit {
  ratePerSecond: number;
  burst: number;
}

export function fullBucket(limit: BucketLimit, now: number): TokenBucket {
  return { tokens: limit.burst, updatedAt: now };
}

/** The bucket's balance at `now` (refilled, capped at the burst); mutates the bucket. */
export function refill(bucket: TokenBucket, limit: BucketLimit, now: number): number {
  if (now > bucket.updatedAt) {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.ratePerSecond);
    bucket.updatedAt = now;
  }
  return bucket.tokens;
}

/** Milliseconds until a request of `cost` tokens would pass; 0 when it would now. */
export function retryAfterMs(bucket: TokenBucket, limit: BucketLimit, cost: number, now: number): number {
  const need = Math.min(cost, limit.burst);
  const tokens = refill(bucket, limit, now);
  return tokens >= need ? 0 : Math.max(1, Math.ceil(((need - tokens) / limit.ratePerSecond) * 1000));
}

/** Takes `cost` tokens when the request may pass: 0 then, else the milliseconds to wait (nothing taken). */
export function take(bucket: TokenBucket, limit: BucketLimit, cost: number, now: number): number {
  const wait = retryAfterMs(bucket, limit, cost, now);
  if (wait === 0) bucket.tokens -= cost;
  return wait;
}
