/**
 * When a manual opt-out is dated. Normally now. But consent is last-writer-wins by the date a
 * decision was received, and a state dated after now (a carrier clock far ahead, or a
 * future-dated text accepted before the gateway refused them) would make a manual opt-out
 * lose and leave the number sendable. A business blocking a number by hand is the latest word
 * on it, so the opt-out is dated just after that state, and wins (issue 13, item 3).
 */
export function manualOptOutTime(now: Date, current: { since: Date } | null): Date {
  if (!current || current.since.getTime() < now.getTime()) return now;
  return new Date(current.since.getTime() + 1);
}
