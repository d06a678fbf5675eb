import type { EffectiveProfile, KindSettings, MatchScope, RevocationMode } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import { DEFAULT_PHRASE_OPT_OUT_REPLIES } from './revocation/phrase-replies';
import type { RevocationLanguage } from './revocation/revocation.types';
import type { KeywordKind } from './keyword-kind';
import { KEYWORD_KINDS } from './keyword-kind';
import { matchKey } from './match-key.util';
import { MANDATORY_OPT_OUT_KEYWORD } from './profile-limits';
import { resolveReplyMessage, scopeOf, scopeSpecificity } from './override-resolver';
import type { SmsSegments } from './sms-segments.util';
import { smsSegments } from './sms-segments.util';

/** A reply text with its cost, computed once per profile rather than once per message. */
export interface CompiledReply {
  readonly text: string;
  readonly segments: SmsSegments;
}

/** One rule that lists a match key: the scope, and the reply each subscriber country gets. */
export interface CompiledCandidate {
  readonly kind: KeywordKind;
  /** The keyword as written in the profile. */
  readonly keyword: string;
  readonly scope: Readonly<MatchScope>;
  /** The scope's country, or null when it applies to every country. */
  readonly country: string | null;
  readonly language: string | null;
  readonly specificity: number;
  readonly defaultReply: CompiledReply;
  /** Replies that differ from `defaultReply` for subscribers of a given country. */
  readonly replyByCountry: ReadonlyMap<string, CompiledReply>;
}

/**
 * A profile turned into lookup tables: classifying a message is one Map lookup on its match
 * key, then the first candidate (most specific first) whose country fits the subscriber.
 * Build it once per profile version and share it; it is immutable.
 */
export interface CompiledProfile {
  readonly version: number;
  readonly candidatesByKey: ReadonlyMap<string, readonly CompiledCandidate[]>;
  readonly revocationMode: RevocationMode;
  /** The confirmation of an opt-out by phrase, for a subscriber's country and the phrase's language. */
  readonly phraseReply: (country: string | null, language: RevocationLanguage) => CompiledReply;
}

/**
 * Compile a validated profile. It does not re-validate (the profile was checked when it was
 * saved) and never throws, but it is defensive where a bad stored profile could lose an
 * opt-out: STOP is always a global optOut keyword, and if one match key were listed under
 * two kinds in one scope the earlier kind (optOut first) wins.
 */
export function compileProfile(profile: EffectiveProfile, version: number): CompiledProfile {
  const replies = new ReplyCache();
  const countries = new Set(profile.overrides.flatMap((override) => (override.country ? [override.country] : [])));
  const candidatesByKey = new Map<string, CompiledCandidate[]>();

  const addScope = (scope: MatchScope, settings: Partial<Record<KeywordKind, KindSettings>>, isGlobal: boolean) => {
    const seenInScope = new Set<string>();
    for (const kind of KEYWORD_KINDS) {
      const keywords = [...(settings[kind]?.keywords ?? [])];
      if (isGlobal && kind === 'optOut') keywords.push(MANDATORY_OPT_OUT_KEYWORD);
      for (const keyword of keywords) {
        const key = matchKey(keyword);
        if (key === '' || seenInScope.has(key)) continue;
        seenInScope.add(key);
        const candidate = buildCandidate(profile, kind, keyword, scope, countries, replies);
        const list = candidatesByKey.get(key);
        if (list) list.push(candidate);
        else candidatesByKey.set(key, [candidate]);
      }
    }
  };

  addScope({}, profile, true);
  for (const override of profile.overrides) addScope(scopeOf(override), override, false);

  // Most specific first; Array.prototype.sort is stable, so profile order breaks ties.
  for (const list of candidatesByKey.values()) {
    list.sort((a, b) => b.specificity - a.specificity);
    list.forEach((candidate) => Object.freeze(candidate));
    Object.freeze(list);
  }
  return Object.freeze({
    version,
    candidatesByKey,
    revocationMode: profile.revocation?.mode ?? 'keywords',
    phraseReply: phraseReplies(profile, replies),
  });
}

/**
 * The reply to an opt-out by phrase follows the override rules with the phrase's language
 * ({C, L}, {L}, {C}, global). When that ends at the default English text (the account wrote
 * none for the language), the built-in translation of it is used, so "Keine SMS mehr" is
 * confirmed in German; an account's own global text (its brand) is kept as written.
 */
function phraseReplies(profile: EffectiveProfile, replies: ReplyCache): CompiledProfile['phraseReply'] {
  const byScope = new Map<string, CompiledReply>();
  return (country, language) => {
    const key = `${country ?? ''}|${language}`;
    let reply = byScope.get(key);
    if (!reply) {
      const text = resolveReplyMessage(profile, 'optOut', country, language);
      reply = replies.get(text === DEFAULT_PROFILE.optOut.message ? DEFAULT_PHRASE_OPT_OUT_REPLIES[language] : text);
      byScope.set(key, reply);
    }
    return reply;
  };
}

function buildCandidate(
  profile: EffectiveProfile,
  kind: KeywordKind,
  keyword: string,
  scope: MatchScope,
  countries: ReadonlySet<string>,
  replies: ReplyCache,
): CompiledCandidate {
  const country = scope.country ?? null;
  const language = scope.language ?? null;
  const defaultReply = replies.get(resolveReplyMessage(profile, kind, country, language));
  const replyByCountry = new Map<string, CompiledReply>();
  // A scope without a country serves every country, and an override for the subscriber's
  // country may still change the reply text ({C, L} or {C} messages).
  if (country === null) {
    for (const subscriberCountry of countries) {
      const reply = replies.get(resolveReplyMessage(profile, kind, subscriberCountry, language));
      if (reply !== defaultReply) replyByCountry.set(subscriberCountry, reply);
    }
  }
  return {
    kind,
    keyword,
    scope: Object.freeze({ ...scope }),
    country,
    language,
    specificity: scopeSpecificity(scope),
    defaultReply,
    replyByCountry,
  };
}

/** One CompiledReply per distinct text, so that identity comparison means equal text. */
class ReplyCache {
  private readonly byText = new Map<string, CompiledReply>();

  get(text: string): CompiledReply {
    let reply = this.byText.get(text);
    if (!reply) {
      reply = Object.freeze({ text, segments: Object.freeze(smsSegments(text)) });
      this.byText.set(text, reply);
    }
    return reply;
  }
}
