import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig } from '@optout/config';
import type { AuthenticatedRequest } from '../auth/auth.guards';
import { ApiException } from '../http/api.exception';
import { BucketLimit, fullBucket, take, TokenBucket } from './token-bucket';

/** Accounts tracked at once per replica; an account not seen for long starts again with a full bucket, which only errs towards letting it in. */
const MAX_TRACKED_ACCOUNTS = 100_000;
/** How many seconds' worth of traffic an account may send at once after a quiet spell. */
const BURST_SECONDS = 2;

/** What one request asks to queue: messages and bytes of text. */
export interface IngestionCost {
  messages: number;
  bytes: number;
}

/**
 * The messages and text bytes a `POST /v1/inbound` (one message) or `/v1/inbound/batch` body
 * holds, read before validation (the guard runs before the pipes): anything malformed costs
 * what it seems to hold and is refused by validation afterwards.
 */
export function ingestionCostOf(body: unknown, batch: boolean): IngestionCost {
  const bytesOf = (message: unknown) => {
    const text = (message as { body?: unknown } | null)?.body;
    return typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0;
  };
  if (!batch) return { messages: 1, bytes: bytesOf(body) };
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return { messages: 1, bytes: 0 };
  return { messages: Math.max(1, messages.length), bytes: messages.reduce((sum: number, message) => sum + bytesOf(message), 0) };
}

/**
 * Per-account ingestion quotas: messages a second (INBOUND_ACCOUNT_MESSAGES_PER_SECOND) and
 * bytes of text a second (INBOUND_ACCOUNT_BYTES_PER_SECOND), each a token bucket holding two
 * seconds' worth, per account, **per gateway replica** (in process: no Redis round trip on
 * the hot path; with N replicas behind a balancer an account may reach N times the limit).
 * Over either, 429 `quota_exceeded` with `Retry-After` and the limit named, before anything is
 * queued: one account cannot fill Redis for everyone. Runs after ApiKeyGuard, on the
 * authenticated account.
 */
@Injectable()
export class IngestionQuotaGuard implements CanActivate {
  private readonly buckets = new LRUCache<string, { messages: TokenBucket; bytes: TokenBucket }>({ max: MAX_TRACKED_ACCOUNTS });
  private readonly messages: BucketLimit | null;
  private readonly bytes: BucketLimit | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const limit = (perSecond: number) => (perSecond === 0 ? null : { ratePerSecond: perSecond, burst: perSecond * BURST_SECONDS });
    this.messages = limit(config.inboundAccountMessagesPerSecond);
    this.bytes = limit(config.inboundAccountBytesPerSecond);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.accountId) throw new Error('IngestionQuotaGuard must run after ApiKeyGuard');
    this.charge(request.accountId, ingestionCostOf(request.body, request.url.split('?')[0].endsWith('/batch')));
    return true;
  }

  /** Takes the cost from both of the account's buckets, or throws 429 naming the limit that refused it (nothing taken then). */
  charge(accountId: string, cost: IngestionCost, now = Date.now()): void {
    let buckets = this.buckets.get(accountId);
    if (!buckets) {
      buckets = { messages: fullBucket(this.messages ?? { ratePerSecond: 1, burst: 1 }, now), bytes: fullBucket(this.bytes ?? { ratePerSecond: 1, burst: 1 }, now) };
      this.buckets.set(accountId, buckets);
    }
    const messagesWait = this.messages ? take(buckets.messages, this.messages, cost.messages, now) : 0;
    if (messagesWait > 0) throw quotaExceeded('INBOUND_ACCOUNT_MESSAGES_PER_SECOND', `${this.config.inboundAccountMessagesPerSecond} messages a second`, messagesWait);
    const bytesWait = this.bytes ? take(buckets.bytes, this.bytes, cost.bytes, now) : 0;
    if (bytesWait > 0) {
      // Give back the messages taken a moment ago: the request is refused as a whole.
      buckets.messages.tokens += cost.messages;
      throw quotaExceeded('INBOUND_ACCOUNT_BYTES_PER_SECOND', `${this.config.inboundAccountBytesPerSecond} bytes of text a second`, bytesWait);
    }
  }
}

function quotaExceeded(setting: string, limit: string, waitMs: number): ApiException {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiException(
    429,
    'quota_exceeded',
    `This account is over its ingestion quota of ${limit} (${setting}, per gateway replica): nothing was queued; retry after ${seconds} s`,
    [{ rule: setting.toLowerCase(), message: `at most ${limit}`, limit: setting }],
    { 'retry-after': String(seconds) },
  );
}
