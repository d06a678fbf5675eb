/**
 * What a delivery service asks of its processor besides success (return nothing) or a retry
 * (throw): to put the job back for `postponeMs` without spending an attempt, because the
 * endpoint already has all the requests at once it may have (endpoint-slots.util.ts).
 */
export interface Postpone {
  postponeMs: number;
}
