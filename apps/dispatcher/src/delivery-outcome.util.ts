/**
 * What a webhook or reply endpoint's answer means for the delivery: only 2xx succeeds;
 * 408, 429 and 5xx (and no answer at all) are worth retrying; 410 Gone says the endpoint is
 * retired; any other 4xx will not get better by asking again.
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
