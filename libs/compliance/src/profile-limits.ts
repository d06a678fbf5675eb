/**
 * The numbers a profile must respect. Kept together so the docs, the validator and the
 * error messages cannot drift apart.
 */
export const PROFILE_LIMITS = Object.freeze({
  /** Keywords per kind per scope; for optOut, STOP comes on top. */
  keywordsPerKind: 20,
  /** Letters and digits in a keyword's match key. */
  keywordMinLength: 1,
  keywordMaxLength: 30,
  /**
   * Characters in a keyword as written. Generous (spaces and hyphens are free), but bounded
   * so that an absurd value is refused before we spend time normalising it.
   */
  keywordMaxRawLength: 100,
  /** Characters (Unicode code points) in a confirmation message: 10 concatenated SMS. */
  messageMinLength: 1,
  messageMaxLength: 1600,
  /**
   * Overrides in one profile: one per country is already ~250, but real accounts use a
   * handful; 200 keeps a profile small enough to compile on every change without thought.
   */
  maxOverrides: 200,
});

/** The keyword that is always an optOut keyword, everywhere, and cannot be removed. */
export const MANDATORY_OPT_OUT_KEYWORD = 'STOP';
