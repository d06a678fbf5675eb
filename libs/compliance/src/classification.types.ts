import type { MatchScope } from './compliance-profile.types';
import type { KeywordKind } from './keyword-kind';
import type { SmsSegments } from './sms-segments.util';

/**
 * The verdict on one inbound message. On no match every field is null except `country`,
 * which is echoed so the caller can record what was known about the subscriber.
 */
export interface Classification {
  kind: KeywordKind | null;
  /** The keyword as written in the profile (e.g. `STOPALL` for a text "Stop all"). */
  keyword: string | null;
  /** The rule that matched; `{}` means the global settings. */
  scope: MatchScope | null;
  /** Reply language: the language of the matched rule, when it has one. */
  language: string | null;
  country: string | null;
  reply: string | null;
  replySegments: SmsSegments | null;
}
