/** What an account may set for one kind in one scope. Every field is optional on input. */
export interface KindSettings {
  keywords?: string[];
  message?: string;
}

/**
 * A country and/or language scope. Keywords listed here only ever add to the global ones;
 * messages here replace the global message for subscribers the scope applies to.
 */
export interface ProfileOverride {
  country?: string;
  language?: string;
  optOut?: KindSettings;
  optIn?: KindSettings;
  help?: KindSettings;
}

/**
 * How revocations are recognised: `keywords` (the carriers' rule, whole-message keywords
 * only) or `reasonable` (also phrases such as "please stop texting me", docs/compliance.md).
 */
export type RevocationMode = 'keywords' | 'reasonable';

export const REVOCATION_MODES: readonly RevocationMode[] = Object.freeze(['keywords', 'reasonable'] as const);

export interface RevocationSettings {
  mode: RevocationMode;
}

/** The document an account PUTs. Untrusted until `validateProfile` says otherwise. */
export interface ComplianceProfileInput {
  optOut?: KindSettings;
  optIn?: KindSettings;
  help?: KindSettings;
  overrides?: ProfileOverride[];
  revocation?: Partial<RevocationSettings>;
}

/**
 * A validated profile with the defaults filled in: every global kind has keywords and a
 * message, and the global optOut list always contains STOP. This is what GET returns and
 * what gets stored.
 */
export interface EffectiveProfile {
  optOut: Required<KindSettings>;
  optIn: Required<KindSettings>;
  help: Required<KindSettings>;
  overrides: ProfileOverride[];
  /**
   * Always written by `validateProfile`; optional in the type because profiles stored before
   * the setting existed lack it, and they mean `keywords`.
   */
  revocation?: RevocationSettings;
}

/** The selector of the rule that matched. `{}` is the global scope. */
export interface MatchScope {
  country?: string;
  language?: string;
}
