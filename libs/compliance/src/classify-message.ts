import type { Classification } from './classification.types';
import type { CompiledProfile } from './compiled-profile';
import { matchKey } from './match-key.util';

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
  if (!match) return noMatch(country);

  const reply = (country !== null && match.replyByCountry.get(country)) || match.defaultReply;
  return {
    kind: match.kind,
    keyword: match.keyword,
    scope: { ...match.scope },
    language: match.language,
    country,
    reply: reply.text,
    replySegments: { ...reply.segments },
  };
}

function countryOf(message: InboundText): string | null {
  return (typeof message.country === 'function' ? message.country() : message.country) ?? null;
}

function noMatch(country: string | null): Classification {
  return { kind: null, keyword: null, scope: null, language: null, country, reply: null, replySegments: null };
}
