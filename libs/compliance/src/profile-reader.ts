import type { MatchScope, RevocationMode } from './compliance-profile.types';
import { REVOCATION_MODES } from './compliance-profile.types';
import { COUNTRY_CODE_HINTS, LANGUAGE_CODE_HINTS, isCountryCode, isLanguageCode } from './iso-codes';
import type { KeywordKind } from './keyword-kind';
import { KEYWORD_KINDS } from './keyword-kind';
import { checkKeyword } from './keyword-syntax.util';
import { matchKey } from './match-key.util';
import type { ProfileIssues } from './profile-issues';
import { describeType, fieldPath, indexPath, isPlainObject } from './profile-issues';
import { MANDATORY_OPT_OUT_KEYWORD, PROFILE_LIMITS } from './profile-limits';

/**
 * First pass over an untrusted profile: types, unknown fields, selectors, and the rules
 * that concern one list or one message on its own. It keeps the valid parts so that the
 * cross-scope rules can still run and report everything in one go.
 */

export interface ReadKeyword {
  raw: string;
  key: string;
  path: string;
}

export interface ReadKind {
  path: string;
  /** True when the input said anything about keywords; defaults then no longer apply. */
  keywordsGiven: boolean;
  /** The entries that are valid keywords (all of them when the profile is accepted). */
  keywords?: ReadKeyword[];
  message?: string;
}

export interface ReadScope {
  /** '' for the global settings, 'overrides[i]' for an override. */
  path: string;
  selector: MatchScope;
  /** False when a selector is missing or invalid: the override then sits out selector rules. */
  selectorValid: boolean;
  kinds: Partial<Record<KeywordKind, ReadKind>>;
}

export interface ReadProfile {
  global: ReadScope;
  overrides: ReadScope[];
  /** Left out means `keywords`. */
  revocationMode?: RevocationMode;
}

const ROOT_FIELDS = ['optOut', 'optIn', 'help', 'overrides', 'revocation'];
const REVOCATION_FIELDS = ['mode'];
const OVERRIDE_FIELDS = ['country', 'language', 'optOut', 'optIn', 'help'];
const KIND_FIELDS = ['keywords', 'message'];
const STOP_KEY = matchKey(MANDATORY_OPT_OUT_KEYWORD);

export function readProfile(input: unknown, issues: ProfileIssues): ReadProfile | null {
  if (!isPlainObject(input)) {
    issues.error(
      '',
      'invalid_type',
      `A compliance profile must be a JSON object with optOut, optIn, help and overrides, not ${describeType(input)}.`,
    );
    return null;
  }
  rejectUnknownFields(input, '', ROOT_FIELDS, 'the profile', issues);
  const global: ReadScope = { path: '', selector: {}, selectorValid: true, kinds: readKinds(input, '', issues) };
  return { global, overrides: readOverrides(input.overrides, issues), revocationMode: readRevocation(input.revocation, issues) };
}

function readRevocation(value: unknown, issues: ProfileIssues): RevocationMode | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    issues.error('revocation', 'invalid_type', `revocation must be an object such as {"mode": "reasonable"}, not ${describeType(value)}.`);
    return undefined;
  }
  rejectUnknownFields(value, 'revocation', REVOCATION_FIELDS, 'the revocation settings', issues);
  if (value.mode === undefined) return undefined;
  if (typeof value.mode !== 'string' || !(REVOCATION_MODES as readonly string[]).includes(value.mode)) {
    issues.error(
      'revocation.mode',
      'invalid_revocation_mode',
      `revocation.mode must be "keywords" (whole-message keywords only, the default) or "reasonable" (also phrases such as "please stop texting me"), not ${typeof value.mode === 'string' ? JSON.stringify(value.mode) : describeType(value.mode)}.`,
    );
    return undefined;
  }
  return value.mode as RevocationMode;
}

function readOverrides(value: unknown, issues: ProfileIssues): ReadScope[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.error('overrides', 'invalid_type', `overrides must be an array of overrides, not ${describeType(value)}.`);
    return [];
  }
  if (value.length > PROFILE_LIMITS.maxOverrides) {
    issues.error(
      'overrides',
      'override_limit',
      `The profile has ${value.length} overrides; at most ${PROFILE_LIMITS.maxOverrides} are allowed.`,
    );
  }
  const scopes: ReadScope[] = [];
  value.forEach((item, index) => {
    const scope = readOverride(item, indexPath('overrides', index), issues);
    if (scope) scopes.push(scope);
  });
  return scopes;
}

function readOverride(value: unknown, path: string, issues: ProfileIssues): ReadScope | null {
  if (!isPlainObject(value)) {
    issues.error(
      path,
      'invalid_type',
      `${path} must be an object with a country and/or language, not ${describeType(value)}.`,
    );
    return null;
  }
  rejectUnknownFields(value, path, OVERRIDE_FIELDS, 'an override', issues);
  const selector: MatchScope = {};
  let selectorValid = true;
  if (value.country !== undefined) {
    const country = readCountry(value.country, fieldPath(path, 'country'), issues);
    if (country === undefined) selectorValid = false;
    else selector.country = country;
  }
  if (value.language !== undefined) {
    const language = readLanguage(value.language, fieldPath(path, 'language'), issues);
    if (language === undefined) selectorValid = false;
    else selector.language = language;
  }
  if (value.country === undefined && value.language === undefined) {
    selectorValid = false;
    issues.error(
      path,
      'override_selector_required',
      `${path} has neither a country nor a language; an override needs at least one of them ` +
        '(settings for everyone belong in the global optOut, optIn and help).',
    );
  }
  return { path, selector, selectorValid, kinds: readKinds(value, path, issues) };
}

/** A two-letter code standard as the profile reads it, and how to advise on a value that is not one of its codes. */
interface CodeStandard {
  noun: 'country' | 'language';
  standard: string;
  casing: 'upper' | 'lower';
  examples: [string, string];
  isCode: (code: string) => boolean;
  /** Codes people write for another one (`UK` for `GB`). */
  hints: Readonly<Record<string, string>>;
  /** Advice for a value of a recognisable other form (a language with its region), if it is one. */
  otherForm?: (value: string, cased: string) => string | undefined;
}

const COUNTRY_CODES: CodeStandard = { noun: 'country', standard: 'ISO 3166-1 alpha-2', casing: 'upper', examples: ['CA', 'GB'], isCode: isCountryCode, hints: COUNTRY_CODE_HINTS };

const LANGUAGE_CODES: CodeStandard = {
  noun: 'language', standard: 'ISO 639-1', casing: 'lower', examples: ['fr', 'es'], isCode: isLanguageCode, hints: LANGUAGE_CODE_HINTS,
  otherForm: (value, cased) =>
    /^[A-Za-z]{2}[-_][A-Za-z0-9]+$/.test(value) ? `use the language alone ("${cased.slice(0, 2)}") and put the region in "country".` : undefined,
};

function readCountry(value: unknown, path: string, issues: ProfileIssues): string | undefined {
  return readCode(value, path, issues, COUNTRY_CODES);
}

function readLanguage(value: unknown, path: string, issues: ProfileIssues): string | undefined {
  return readCode(value, path, issues, LANGUAGE_CODES);
}

function readCode(value: unknown, path: string, issues: ProfileIssues, code: CodeStandard): string | undefined {
  if (typeof value !== 'string') {
    issues.error(path, 'invalid_type', `${path} must be a string such as "${code.examples[0]}", not ${describeType(value)}.`);
    return undefined;
  }
  const cased = code.casing === 'upper' ? value.toUpperCase() : value.toLowerCase();
  const twoLetters = /^[A-Za-z]{2}$/.test(value);
  if (twoLetters && value === cased && code.isCode(value)) return value;
  const advice = adviceOnCode(value, cased, twoLetters, code);
  issues.error(path, `invalid_${code.noun}`, `"${value}" is not an ${code.standard} ${code.noun} code: ${advice}`);
  return undefined;
}

function adviceOnCode(value: string, cased: string, twoLetters: boolean, code: CodeStandard): string {
  if (Object.hasOwn(code.hints, cased)) return `did you mean "${code.hints[cased]}"?`;
  if (twoLetters && code.isCode(cased)) return `${code.noun} codes are written in ${code.casing} case: "${cased}".`;
  const otherForm = code.otherForm?.(value, cased);
  if (otherForm) return otherForm;
  if (twoLetters && value === cased) return 'it is not an assigned code.';
  return `use the two-letter ${code.casing}-case code, e.g. "${code.examples[0]}" or "${code.examples[1]}".`;
}

function readKinds(
  container: Record<string, unknown>,
  parentPath: string,
  issues: ProfileIssues,
): Partial<Record<KeywordKind, ReadKind>> {
  const kinds: Partial<Record<KeywordKind, ReadKind>> = {};
  for (const kind of KEYWORD_KINDS) {
    if (container[kind] !== undefined) {
      kinds[kind] = readKind(container[kind], fieldPath(parentPath, kind), kind, issues);
    }
  }
  return kinds;
}

function readKind(value: unknown, path: string, kind: KeywordKind, issues: ProfileIssues): ReadKind {
  if (!isPlainObject(value)) {
    issues.error(
      path,
      'invalid_type',
      `${path} must be an object with "keywords" and/or "message", not ${describeType(value)}.`,
    );
    // Whatever was meant, it was not "keep the defaults": do not let defaults stand in.
    return { path, keywordsGiven: true };
  }
  rejectUnknownFields(value, path, KIND_FIELDS, `${kind} settings`, issues);
  const read: ReadKind = { path, keywordsGiven: value.keywords !== undefined };
  if (value.keywords !== undefined) read.keywords = readKeywords(value.keywords, fieldPath(path, 'keywords'), kind, issues);
  if (value.message !== undefined) read.message = readMessage(value.message, fieldPath(path, 'message'), issues);
  return read;
}

function readKeywords(value: unknown, path: string, kind: KeywordKind, issues: ProfileIssues): ReadKeyword[] | undefined {
  if (!Array.isArray(value)) {
    issues.error(path, 'invalid_type', `${path} must be an array of strings, not ${describeType(value)}.`);
    return undefined;
  }
  const accepted: ReadKeyword[] = [];
  const firstByKey = new Map<string, ReadKeyword>();
  let counted = 0;
  value.forEach((raw: unknown, index) => {
    const itemPath = indexPath(path, index);
    if (typeof raw !== 'string') {
      counted += 1;
      issues.error(itemPath, 'invalid_type', `${itemPath} must be a string, not ${describeType(raw)}.`);
      return;
    }
    const check = checkKeyword(raw);
    if (!check.ok) {
      counted += 1;
      issues.error(itemPath, check.rule, `Keyword "${raw}" ${check.reason}.`);
      return;
    }
    // STOP is always there for optOut, so listing it costs nothing against the limit.
    if (!(kind === 'optOut' && check.key === STOP_KEY)) counted += 1;
    const first = firstByKey.get(check.key);
    if (first) {
      issues.error(
        itemPath,
        'duplicate_keyword',
        `Keyword "${raw}" is listed twice: it is the same keyword as "${first.raw}" at ${first.path} ` +
          `(both read as "${check.key}" once case, accents, spaces and punctuation are ignored). List it once.`,
      );
      return;
    }
    const keyword = { raw, key: check.key, path: itemPath };
    firstByKey.set(check.key, keyword);
    accepted.push(keyword);
  });
  if (counted > PROFILE_LIMITS.keywordsPerKind) {
    issues.error(
      path,
      'keyword_limit',
      `${path} lists ${counted} keywords; at most ${PROFILE_LIMITS.keywordsPerKind} are allowed per kind and scope` +
        (kind === 'optOut' ? ' (STOP does not count).' : '.'),
    );
  }
  return accepted;
}

function readMessage(value: unknown, path: string, issues: ProfileIssues): string | undefined {
  if (typeof value !== 'string') {
    issues.error(path, 'invalid_type', `${path} must be a string, not ${describeType(value)}.`);
    return undefined;
  }
  const { messageMinLength, messageMaxLength } = PROFILE_LIMITS;
  const length = [...value].length;
  if (length < messageMinLength) {
    issues.error(path, 'message_length', `${path} is empty; a message needs ${messageMinLength} to ${messageMaxLength} characters.`);
    return undefined;
  }
  if (length > messageMaxLength) {
    issues.error(
      path,
      'message_length',
      `${path} is ${length} characters long; the limit is ${messageMaxLength} (10 concatenated SMS).`,
    );
    return undefined;
  }
  // A confirmation the subscriber cannot read is no confirmation: whitespace alone is refused.
  if (/^[\s\p{Cf}\p{Cc}]*$/u.test(value)) {
    issues.error(path, 'message_blank', `${path} contains only spaces or invisible characters; write the text to send.`);
    return undefined;
  }
  return value;
}

function rejectUnknownFields(
  value: Record<string, unknown>,
  path: string,
  allowed: readonly string[],
  what: string,
  issues: ProfileIssues,
): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const meant = allowed.find((field) => field.toLowerCase() === key.toLowerCase().replace(/[-_ ]/g, ''));
    issues.error(
      fieldPath(path, key),
      'unknown_field',
      `Unknown field "${key}" in ${what}` +
        (meant ? `; did you mean "${meant}"?` : `; the allowed fields are ${allowed.join(', ')}.`),
    );
  }
}
