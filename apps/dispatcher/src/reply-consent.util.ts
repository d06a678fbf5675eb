import type { ConsentKind } from '@optout/contracts';
import type { ConsentStateEntity, Suppression } from '@optout/database';
import { entryOfState, entryOfSuppression, newerEntry } from '@optout/gate';

export interface CurrentConsent {
  status: 'opted_out' | 'opted_in';
  since: Date;
}

/**
 * Why a confirmation may not go to the subscriber now, or null when it may. A blocked number
 * gets the opt-out confirmation and, as the compliance spec requires ("the help message,
 * whatever the state"), the answer to its own HELP; nothing else. In practice that holds back
 * a welcome whose START has since been overtaken by a STOP. Judged on the state read just
 * before sending, not on the state when the reply was queued.
 */
export function replyWithheldReason(kind: ConsentKind, phone: string, consent: CurrentConsent | null): string | null {
  if (kind === 'optOut' || kind === 'help' || consent?.status !== 'opted_out') return null;
  return `not sent: ${phone} is opted out (since ${consent.since.toISOString()}); a blocked number gets only the opt-out confirmation and help answers`;
}

/**
 * The number's state as the send gate judges it: its plain state, or the suppression left by
 * an erasure when that is newer. Without the suppression, a START sent before an erasure but
 * delivered after it would look like an opt-in, and its welcome would reach a number the
 * gate keeps blocked.
 */
export function currentConsentOf(state: ConsentStateEntity | null, suppression: Suppression | undefined): CurrentConsent | null {
  const entry = suppression ? newerEntry(entryOfState(state), entryOfSuppression(suppression)) : entryOfState(state);
  return entry.status === 'unknown' || entry.since === null ? null : { status: entry.status, since: new Date(entry.since) };
}
