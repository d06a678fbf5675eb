import type { AttemptStatus } from '@optout/database';

/**
 * What a webhook or reply endpoint's answer means for the delivery: only 2xx succeeds;
 * 408, 429 and 5xx (and no answer at all) are worth retrying; 410 Gone says the endpoint is
 * retired; any other 4xx (and a 3xx: redirects are not followed) will not get better by asking again.
 */
export type DeliveryOutcome = 'succeeded' | 'retry' | 'give_up' | 'endpoint_gone';

export function outcomeOfStatus(status: number | null): DeliveryOutcome {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'succeeded';
  if (status === 410) return 'endpoint_gone';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'give_up';
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A `Retry-After` is honoured up to a day: an endpoint cannot park a delivery for a year. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

export interface AttemptResult {
  status: number | null;
  retryAfter: string | null;
  error: string | null;
  refused: boolean;
}

export interface AttemptVerdict {
  /** What the attempt leaves the delivery as. */
  status: AttemptStatus;
  /** What went wrong, for the attempt record and the delivery's `lastError`; null on success. */
  error: string | null;
  /** The endpoint's `Retry-After` (capped), when it gave one and a retry follows. */
  retryAfterMs: number | null;
  /** 410 Gone: the endpoint asked to be retired. */
  endpointGone: boolean;
  /** False when the endpoint is slow or failing (no answer, 5xx, 408, 429): it then gets fewer slots at once. */
  endpointHealthy: boolean;
}

/** The one place that turns what happened on the wire into what happens to the delivery. */
export function judgeAttempt(result: AttemptResult, lastAttempt: boolean, now = Date.now()): AttemptVerdict {
  if (result.refused) {
    return { status: 'dead', error: result.error ?? 'refused by the egress policy', retryAfterMs: null, endpointGone: false, endpointHealthy: true };
  }
  const outcome = outcomeOfStatus(result.status);
  switch (outcome) {
    case 'succeeded':
      return { status: 'succeeded', error: null, retryAfterMs: null, endpointGone: false, endpointHealthy: true };
    case 'retry': {
      const asked = retryAfterMs(result.retryAfter, now);
      return {
        status: lastAttempt ? 'dead' : 'failed',
        error: result.error ?? `HTTP ${result.status}`,
        retryAfterMs: lastAttempt || asked === null ? null : Math.min(asked, MAX_RETRY_AFTER_MS),
        endpointGone: false,
        endpointHealthy: false,
      };
    }
    case 'endpoint_gone':
      return { status: 'dead', error: 'HTTP 410: the endpoint is gone', retryAfterMs: null, endpointGone: true, endpointHealthy: true };
    case 'give_up': {
      const redirect = result.status !== null && result.status >= 300 && result.status < 400;
      return {
        status: 'dead',
        error: `HTTP ${result.status}${redirect ? ': redirects are not followed' : ': not retried (4xx)'}`,
        retryAfterMs: null,
        endpointGone: false,
        endpointHealthy: true,
      };
    }
  }
}
