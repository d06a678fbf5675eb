import type { MatchScope } from './compliance-profile.types';
import type { KeywordKind } from './keyword-kind';
import type { SmsSegments } from './sms-segments.util';

/**
 * The verdict on one inbound message. On no match every field is null except `country`,
 * which is echoed so the caller can record what was known about the subscriber.
 *
 * In `reasonable` revocation mode a text that matched no keyword may still be an opt-out
 * (`match: "phrase"`, `keyword: null`, the `rule` that fired) or need a person's look
 * (`kind: "review"`: nothing changes, the text goes to the review queue).
 */
export interface Classification {
  kind: KeywordKind | 'review' | null;
  /** `keyword` for a keyword match, `phrase` for a revocation phrase, null for nothing. */
  match: 'keyword' | 'phrase' | null;
  /** The phrase rule that decided (e.g. `en.stop-texting`); null for a keyword match. */
  rule: string | null;
  /** The keyword as written in the profile (e.g. `STOPALL` for a text "Stop all"); null for a phrase. */
  keyword: string | null;
  /** The rule that matched; `{}` means the global settings. */
  scope: MatchScope | null;
  /** Reply language: the language of the matched rule, when it has one. */
  language: string | null;
  country: string | null;
  reply: string | null;
  replySegments: SmsSegments | null;
}
