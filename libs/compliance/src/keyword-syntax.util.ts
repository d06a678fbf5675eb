import { matchKey, matchKeyLength } from './match-key.util';
import { PROFILE_LIMITS } from './profile-limits';

/**
 * A keyword is written with letters, digits, spaces and hyphens only. Combining marks count
 * as part of their letter (ARRÊT may arrive decomposed, Hindi needs vowel signs), and the
 * zero-width joiner / non-joiner are allowed because Persian and several Indic scripts need
 * them to spell words correctly; matching ignores them anyway.
 */
const KEYWORD_SPELLING = /^[\p{L}\p{M}\p{N} \u002d\u200c\u200d]+$/u;
const FORBIDDEN_CHARACTER = /[^\p{L}\p{M}\p{N} \u002d\u200c\u200d]/u;

export type KeywordCheck =
  | { ok: true; key: string }
  | { ok: false; rule: 'keyword_length' | 'keyword_invalid_characters'; reason: string };

/** Checks one keyword as written and returns its match key when it is acceptable. */
export function checkKeyword(raw: string): KeywordCheck {
  const { keywordMinLength, keywordMaxLength, keywordMaxRawLength } = PROFILE_LIMITS;
  if (raw.length > keywordMaxRawLength) {
    return {
      ok: false,
      rule: 'keyword_length',
      reason: `is ${raw.length} characters long as written; the limit is ${keywordMaxRawLength}`,
    };
  }
  if (!KEYWORD_SPELLING.test(raw)) {
    const bad = FORBIDDEN_CHARACTER.exec(raw)?.[0];
    return {
      ok: false,
      rule: 'keyword_invalid_characters',
      reason: bad
        ? `contains ${describeCharacter(bad)}; keywords are written with letters, digits, spaces and hyphens only`
        : 'is empty; a keyword needs at least one letter or digit',
    };
  }
  const key = matchKey(raw);
  const length = matchKeyLength(key);
  if (length < keywordMinLength || length > keywordMaxLength) {
    return {
      ok: false,
      rule: 'keyword_length',
      reason:
        length === 0
          ? 'has no letter or digit; a keyword needs 1 to 30 letters or digits'
          : `has ${length} letters or digits once normalised ("${key}"); the limit is ${keywordMaxLength}`,
    };
  }
  return { ok: true, key };
}

function describeCharacter(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}" (${code})` : code;
}
