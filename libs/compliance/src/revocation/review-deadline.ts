/** The FCC rule gives a sender 10 business days to honour a revocation. */
export const REVIEW_BUSINESS_DAYS = 10;

/**
 * When a review must be decided: `receivedAt` plus 10 business days (Monday to Friday, in
 * UTC, at the same time of day). Public holidays are not counted out: they differ by
 * country and state, and counting them would only make the deadline later than the rule's.
 */
export function reviewDeadline(receivedAt: Date): Date {
  const deadline = new Date(receivedAt.getTime());
  let businessDays = 0;
  while (businessDays < REVIEW_BUSINESS_DAYS) {
    deadline.setUTCDate(deadline.getUTCDate() + 1);
    const day = deadline.getUTCDay();
    if (day !== 0 && day !== 6) businessDays += 1;
  }
  return deadline;
}
