import type { EffectiveProfile, MatchScope, ProfileOverride } from './compliance-profile.types';
import type { KeywordKind } from './keyword-kind';
import { KEYWORD_KINDS } from './keyword-kind';
import { matchKey } from './match-key.util';

/**
 * The spec's override rules, written for clarity rather than speed. `compileProfile` uses
 * them once per profile to precompute its tables; the tests use `resolveMatch` as the
 * reference the compiled lookup must agree with.
 */

/** Higher is more specific: {country, language} > {language} > {country} > global. */
export function scopeSpecificity(scope: MatchScope): number {
  if (scope.country !== undefined && scope.language !== undefined) return 3;
  if (scope.language !== undefined) return 2;
  if (scope.country !== undefined) return 1;
  return 0;
}

/**
 * Whether a scope's keywords are recognised for a subscriber in `country`. Language never
 * restricts recognition (we do not know the subscriber's language; the keyword tells us).
 * An unknown country (null) only sees global and language-only scopes.
 */
export function scopeAppliesTo(scope: MatchScope, country: string | null): boolean {
  return scope.country === undefined || scope.country === country;
}

/** The selector of an override, without its settings. */
export function scopeOf(override: ProfileOverride): MatchScope {
  const scope: MatchScope = {};
  if (override.country !== undefined) scope.country = override.country;
  if (override.language !== undefined) scope.language = override.language;
  return scope;
}

export function sameScope(a: MatchScope, b: MatchScope): boolean {
  return a.country === b.country && a.language === b.language;
}

/**
 * Reply text for `kind` (spec rule 4): the first message defined among {C, L} and {L}
 * (only when there is a language L), then {C}, then the global message.
 */
export function resolveReplyMessage(
  profile: EffectiveProfile,
  kind: KeywordKind,
  country: string | null,
  language: string | null,
): string {
  const order: MatchScope[] = [];
  if (language !== null) {
    if (country !== null) order.push({ country, language });
    order.push({ language });
  }
  if (country !== null) order.push({ country });
  for (const scope of order) {
    const message = findOverride(profile, scope)?.[kind]?.message;
    if (message !== undefined) return message;
  }
  return profile[kind].message;
}

export interface ResolvedMatch {
  kind: KeywordKind;
  keyword: string;
  scope: MatchScope;
}

/**
 * Which rule a message matches (spec rules 1 and 2): among the scopes recognised for the
 * subscriber's country, the most specific one listing the message's match key.
 */
export function resolveMatch(profile: EffectiveProfile, body: string, country: string | null): ResolvedMatch | null {
  const key = matchKey(body);
  if (key === '') return null;
  let best: (ResolvedMatch & { specificity: number }) | null = null;
  const scopes: Array<{ scope: MatchScope; settings: ProfileOverride }> = [
    { scope: {}, settings: profile },
    ...profile.overrides.map((override) => ({ scope: scopeOf(override), settings: override })),
  ];
  for (const { scope, settings } of scopes) {
    if (!scopeAppliesTo(scope, country)) continue;
    const specificity = scopeSpecificity(scope);
    if (best && best.specificity >= specificity) continue;
    for (const kind of KEYWORD_KINDS) {
      const keyword = settings[kind]?.keywords?.find((candidate) => matchKey(candidate) === key);
      if (keyword !== undefined) {
        best = { kind, keyword, scope, specificity };
        break;
      }
    }
  }
  return best && { kind: best.kind, keyword: best.keyword, scope: best.scope };
}

function findOverride(profile: EffectiveProfile, scope: MatchScope): ProfileOverride | undefined {
  return profile.overrides.find((override) => sameScope(scopeOf(override), scope));
}
