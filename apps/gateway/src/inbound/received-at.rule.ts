import type { ApiErrorDetail } from '../http/api.exception';

/**
 * How far ahead of the gateway's clock a carrier's `receivedAt` may be: carrier clocks drift a
 * little, but consent is last-writer-wins by `receivedAt`, so a date far in the future would win
 * against every later STOP (or manual opt-out) and lock the number in. The same 5 minutes as
 * the CSV import's `optedOutAt`.
 */
export const RECEIVED_AT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * What is wrong with a message's `receivedAt`, or null when it may be used. Pure, and the one
 * place the rule lives: every inbound path (single, batch, each carrier) builds its message
 * through buildInboundMessage, which asks this, whatever validated the request's shape before.
 */
export function receivedAtProblem(receivedAt: string | undefined, now: Date, field = 'receivedAt'): ApiErrorDetail | null {
  if (receivedAt === undefined) return null;
  const at = Date.parse(receivedAt);
  if (Number.isNaN(at)) return { field, rule: 'date_time', message: `${field} must be an ISO-8601 date-time, e.g. 2026-11-26T12:00:00Z` };
  if (at > now.getTime() + RECEIVED_AT_FUTURE_TOLERANCE_MS) {
    return {
      field,
      rule: 'not_in_future',
      message: `${field} ${new Date(at).toISOString()} is more than 5 minutes ahead of the gateway's clock (${now.toISOString()})`,
    };
  }
  return null;
}
