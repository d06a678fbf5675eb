import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { BucketLimit, fullBucket, retryAfterMs, take, TokenBucket } from '../limits/token-bucket';

/** Client addresses tracked at once; the least recently failing go first. */
const MAX_TRACKED_ADDRESSES = 100_000;

/**
 * Failed authentications per client address, per gateway replica, as token buckets in an LRU:
 * `perMinute` failures a minute with a burst of as many; 0 turns it off.
 */
export class AuthFailureLimiter {
  private readonly buckets = new LRUCache<string, TokenBucket>({ max: MAX_TRACKED_ADDRESSES });
  private readonly limit: BucketLimit | null;

  constructor(perMinute: number) {
    this.limit = perMinute === 0 ? null : { ratePerSecond: perMinute / 60, burst: perMinute };
  }

  /** Milliseconds `address` must wait before it may try again; 0 when it may now. */
  waitMs(address: string, now = Date.now()): number {
    const bucket = this.limit ? this.buckets.get(address) : undefined;
    return bucket && this.limit ? retryAfterMs(bucket, this.limit, 1, now) : 0;
  }

  /** Counts one failure of `address`. */
  failed(address: string, now = Date.now()): void {
    if (!this.limit) return;
    let bucket = this.buckets.get(address);
    if (!bucket) this.buckets.set(address, (bucket = fullBucket(this.limit, now)));
    take(bucket, this.limit, 1, now);
  }
}

/** Paths no credential guards (probes): never refused, never counted. */
const UNGUARDED = /^\/(health|metrics)(\/|$|\?)/;

/**
 * What counts as a failed authentication: a 401 to a request that presented a credential (an
 * unknown, malformed or revoked API key, a wrong admin token, on the API or the dashboard; a
 * request with no Authorization header costs nothing to refuse and is not counted), and on the
 * carrier webhooks a 403 (bad signature) or 404 (an account id that does not exist).
 */
export function isFailedAuthentication(url: string, status: number, presentedCredential: boolean): boolean {
  if (url.startsWith('/v1/carriers/')) return status === 401 || status === 403 || status === 404;
  return status === 401 && presentedCredential;
}

/**
 * Installs the limit on a Fastify instance (before its scopes are registered, so that they
 * inherit it). An address over its limit gets 429 + Retry-After on every request that needs a
 * credential, before any key, token or account is looked up: a flood of made-up keys or
 * account ids costs no database read once the address is over. Callers that authenticate
 * correctly never spend from it.
 */
export function installAuthFailureLimit(fastify: FastifyInstance, limiter: AuthFailureLimiter): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNGUARDED.test(request.url)) return;
    const wait = limiter.waitMs(request.ip);
    if (wait === 0) return;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    await reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({
        error: {
          code: 'too_many_failed_authentications',
          message: `Too many failed authentications from this address (AUTH_FAILURES_PER_MINUTE): try again in ${seconds} s with a valid credential`,
          details: [],
        },
      });
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (isFailedAuthentication(request.url, reply.statusCode, request.headers.authorization !== undefined)) limiter.failed(request.ip);
  });
}
