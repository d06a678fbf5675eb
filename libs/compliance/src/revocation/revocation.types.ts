/** The languages the phrase rules are written for. */
export type RevocationLanguage = 'en' | 'es' | 'fr' | 'de' | 'pt' | 'it';

export const REVOCATION_LANGUAGES: readonly RevocationLanguage[] = Object.freeze(['en', 'es', 'fr', 'de', 'pt', 'it'] as const);

/**
 * What a message that matched no keyword amounts to in `reasonable` mode:
 * - `optOut`: a clear request to stop the messages, applied like an opt-out keyword;
 * - `review`: something a careful person should look at (wrong number, "not interested",
 *   "STOP this bill", a misspelt keyword); nothing changes until someone decides.
 */
export type RevocationKind = 'optOut' | 'review';

export interface RevocationVerdict {
  kind: RevocationKind;
  /** Stable id of the rule that decided, `<language>.<name>` (e.g. `en.stop-texting`). */
  rule: string;
  /** Language of the request, for the confirmation text. */
  language: RevocationLanguage;
}
