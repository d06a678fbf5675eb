import type { ConsentKind } from '@optout/contracts';

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
