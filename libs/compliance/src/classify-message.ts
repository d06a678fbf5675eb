import type { Classification } from './classification.types';
import type { CompiledProfile } from './compiled-profile';
import { matchKey } from './match-key.util';
import { examineRevocation } from './revocation/examine-revocation';

export interface InboundText {
  body: string;
  /**
   * ISO 3166-1 alpha-2 of the subscriber's number, or null when it is unknown. May be given
   * as a function: it is then called only when the text matches a keyword, because deriving
   * a country from a number costs far more than classifying, and most texts match nothing.
   */
  country: string | null | (() => string | null);
}

/**
 * Classify one inbound message against a compiled profile. Pure and cheap: one match key,
 * one Map lookup, then the first (most specific) candidate whose country fits.
 */
export function classifyMessage(compiled: CompiledProfile, message: InboundText): Classification {
  const key = matchKey(message.body);
  const candidates = key === '' ? undefined : compiled.candidatesByKey.get(key);
  const country = candidates || typeof message.country !== 'function' ? countryOf(message) : null;
  const match = candidates?.find((candidate) => candidate.country === null || candidate.country === country);
  if (!match) return compiled.revocationMode === 'reasonable' ? classifyPhrase(compiled, message) : noMatch(country);

  const reply = (country !== null && match.replyByCountry.get(country)) || match.defaultReply;
  return {
    kind: match.kind,
    match: 'keyword',
    rule: null,
    keyword: match.keyword,
    scope: { ...match.scope },
    language: match.language,
    country,
    reply: reply.text,
    replySegments: { ...reply.segments },
  };
}

/** `reasonable` mode, after no keyword matched: a revocation phrase, a review, or nothing. */
function classifyPhrase(compiled: CompiledProfile, message: InboundText): Classification {
  const verdict = examineRevocation(message.body);
  const country = verdict || typeof message.country !== 'function' ? countryOf(message) : null;
  if (!verdict) return noMatch(country);
  const reply = verdict.kind === 'optOut' ? compiled.phraseReply(country, verdict.language) : null;
  return {
    kind: verdict.kind,
    match: 'phrase',
    rule: verdict.rule,
    keyword: null,
    scope: null,
    language: verdict.language,
    country,
    reply: reply?.text ?? null,
    replySegments: reply ? { ...reply.segments } : null,
  };
}

function countryOf(message: InboundText): string | null {
  return (typeof message.country === 'function' ? message.country() : message.country) ?? null;
}

function noMatch(country: string | null): Classification {
  return { kind: null, match: null, rule: null, keyword: null, scope: null, language: null, country, reply: null, replySegments: null };
}
