import type { RevocationKind, RevocationLanguage } from './revocation.types';

/** One clause-level pattern. `name` becomes the stable rule id `<language>.<name>`. */
export interface PhraseRule {
  readonly name: string;
  readonly kind: RevocationKind;
  readonly pattern: RegExp;
  /**
   * The pattern names a stop verb ("stop", "dejen de", "arrêtez"), so a negation just before
   * it ("don't stop", "no dejen de", "n'arrêtez pas") turns the clause into the opposite wish.
   * Patterns whose negation is the request itself ("don't text me") are not negatable.
   */
  readonly negatable?: boolean;
  /** A stop verb that could be the speaker's own plan ("I'll stop texting him"), not a request. */
  readonly speakerMayBeSubject?: boolean;
}

/** How a language negates a verb, read backwards from the start of a match. */
export interface NegationSpec {
  /** Words that negate ("dont", "no", "ne", "non", "nao"). */
  readonly negators: ReadonlySet<string>;
  /** Words that may sit between the negator and the verb ("want", "to", "me", "quiero"). */
  readonly gaps: ReadonlySet<string>;
  /** How many gap words may be skipped. */
  readonly reach: number;
  /** A negation anywhere in the clause (German "nicht" often comes after the verb). */
  readonly anywhere?: RegExp;
}

/** Everything the engine needs about one language. */
export interface LanguageRules {
  readonly language: RevocationLanguage;
  /** A clause that is only an opt-out word ("stop", "baja", "arrêt", "stopp"), maybe repeated. */
  readonly keywordAlone: RegExp;
  /**
   * Words that count as an opt-out only when they are the whole message ("cancel", "end",
   * "fin"): inside a longer message they more often mean something else, so they go to review.
   */
  readonly weakKeywordAlone: RegExp;
  /**
   * A clause right after a keyword-alone clause that is the keyword's object rather than a
   * sentence of its own (German "Hören Sie auf, Ausreden zu erfinden": the infinitive with
   * `zu` after the comma). `clause` recognises such a clause; if it also matches `messaging`
   * the keyword stops the messages (an opt-out), otherwise it stops something else (review).
   */
  readonly keywordObject?: { readonly clause: RegExp; readonly messaging: RegExp };
  /** Clause rules in priority order: every `optOut` rule before any `review` rule. */
  readonly rules: readonly PhraseRule[];
  /** A clause that keeps part of the messages ("but keep the reminders"): a request becomes a review. */
  readonly partial: RegExp;
  /** A polite refusal that is nothing but fillers once they are removed ("no thanks"). */
  readonly politeRefusal: RegExp;
  readonly negation: NegationSpec;
  /**
   * The speaker talks about themselves ("I'll stop texting him"): checked before a stop verb,
   * with the same gap words as negation. Only English needs it; the other languages mark the
   * person on the verb itself.
   */
  readonly selfSubjects?: ReadonlySet<string>;
  /**
   * Words one of which every clause rule of the language needs (a cheap gate: most clauses
   * of a long text contain none, and then no regular expression of the language runs).
   * `examine-revocation.anchors.spec.ts` checks that the gate never hides a verdict.
   */
  readonly anchors: AnchorSet;
  /** Frequent words of the language, to tell which language a shared word ("stop") was in. */
  readonly markers: ReadonlySet<string>;
  /** Opt-out words a typo of which alone should be looked at ("stpo", "unsubscibe"). */
  readonly fuzzyKeywords: readonly string[];
}

/** Whole words, and word beginnings (written `stem*`). */
export interface AnchorSet {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

export function anchorSet(list: string): AnchorSet {
  const items = list.split(/\s+/).filter(Boolean);
  return {
    exact: new Set(items.filter((item) => !item.endsWith('*'))),
    prefixes: new Set(items.filter((item) => item.endsWith('*')).map((item) => item.slice(0, -1))),
  };
}

export const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** `\b(?:a|b|c)\b` style alternation of a space-separated list (phrases joined by `_`). */
export const oneOf = (list: string): string =>
  `(?:${list
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => item.replace(/_/g, ' '))
    .join('|')})`;

export const rule = (name: string, kind: RevocationKind, source: string, negatable = false): PhraseRule => ({
  name,
  kind,
  pattern: new RegExp(source),
  negatable,
  // Stop verbs are where "I'll stop …" happens; "I unsubscribed" or "I opted out" is still a wish.
  speakerMayBeSubject: negatable && name.startsWith('stop-'),
});
