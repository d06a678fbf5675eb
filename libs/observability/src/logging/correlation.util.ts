import type { LogFields } from './log-context';

/**
 * The correlation ids a job payload carries: one on replies and webhook events, one per
 * message on inbound and consent batches. One id becomes `correlationId`, several become
 * `correlationIds` (all of them, so that a grep for any one message finds its batch's lines).
 */
export function correlationFieldsOf(payload: unknown): Pick<LogFields, 'correlationId' | 'correlationIds'> {
  if (!payload || typeof payload !== 'object') return {};
  const own = (payload as { correlationId?: unknown }).correlationId;
  if (typeof own === 'string') return { correlationId: own };
  const messages = (payload as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return {};
  const ids = [...new Set(messages.map((message) => (message as { correlationId?: unknown })?.correlationId).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return {};
  return ids.length === 1 ? { correlationId: ids[0] } : { correlationIds: ids };
}
