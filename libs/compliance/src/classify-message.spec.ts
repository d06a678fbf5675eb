import fc from 'fast-check';
import examples from '../../../test/fixtures/compliance-examples.json';
import { classifyMessage } from './classify-message';
import { compileProfile } from './compiled-profile';
import type { ComplianceProfileInput, EffectiveProfile } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import { KEYWORD_KINDS } from './keyword-kind';
import type { KeywordKind } from './keyword-kind';
import { matchKey } from './match-key.util';
import { resolveMatch, resolveReplyMessage } from './override-resolver';
import { validateProfile } from './profile-validator';
import { smsSegments } from './sms-segments.util';
import { KEYWORD_POOLS, NOISE, TEST_COUNTRIES, disguisedKeyword, keywordUnits, validProfileInput } from './testing/compliance.arbitraries';
import { countryOfTestNumber } from './testing/test-phone-country';

function effective(input: ComplianceProfileInput): EffectiveProfile {
  const result = validateProfile(input);
  if (!result.ok) throw new Error(`profile refused: ${JSON.stringify(result.errors, null, 2)}`);
  return result.profile;
}

function classifierFor(input: ComplianceProfileInput) {
  const compiled = compileProfile(effective(input), 1);
  return (body: string, country: string | null) => classifyMessage(compiled, { body, country });
}

/** Countries the properties look at: those of the generated overrides, one more, and unknown. */
const COUNTRIES_SEEN: Array<string | null> = [...TEST_COUNTRIES, 'DE', null];

describe('classifyMessage', () => {
  describe('the public examples (test/fixtures/compliance-examples.json)', () => {
    const classify = classifierFor(examples.profile);

    it.each(examples.cases.map((c) => [c.body, c.from, c]))('%j from %s', (_body, _from, example) => {
      const country = countryOfTestNumber(example.from);
      const result = classify(example.body, country);
      expect({ kind: result.kind, language: result.language, reply: result.reply }).toEqual({
        kind: example.kind,
        language: example.language,
        reply: example.reply,
      });
      expect(result.country).toBe(country);
    });

    it('covers both countries of the fixture', () => {
      expect(new Set(examples.cases.map((c) => countryOfTestNumber(c.from)))).toEqual(new Set(['US', 'GB']));
    });
  });

  describe('the Canadian English/French example of the spec', () => {
    const english = 'Acme: you are unsubscribed. Reply START to resubscribe.';
    const french = 'Acme : vous êtes désabonné. Répondez START pour vous réabonner.';
    const canadian = 'Acme Canada: you are unsubscribed. Reply START to resubscribe.';
    const canadianFrench = 'Acme Canada : vous êtes désabonné.';
    const profile: ComplianceProfileInput = {
      optOut: { keywords: ['STOP', 'UNSUBSCRIBE'], message: english },
      overrides: [
        { language: 'fr', optOut: { keywords: ['ARRET'], message: french } },
        { country: 'CA', optOut: { message: canadian } },
      ],
    };
    const classify = classifierFor(profile);

    it('opts a Canadian texting ARRÊT out with the French text', () => {
      expect(classify('ARRÊT', 'CA')).toEqual({
        kind: 'optOut',
        match: 'keyword',
        rule: null,
        keyword: 'ARRET',
        scope: { language: 'fr' },
        language: 'fr',
        country: 'CA',
        reply: french,
        replySegments: smsSegments(french),
      });
    });

    it('uses a {CA, fr} text for that Canadian when one is defined', () => {
      const withCanadianFrench = classifierFor({
        ...profile,
        overrides: [...profile.overrides!, { country: 'CA', language: 'fr', optOut: { message: canadianFrench } }],
      });
      expect(withCanadianFrench('arrêt', 'CA')).toMatchObject({ scope: { language: 'fr' }, language: 'fr', reply: canadianFrench });
      expect(withCanadianFrench('arrêt', 'FR')).toMatchObject({ language: 'fr', reply: french });
    });

    it('gives a Canadian texting STOP the Canadian English text', () => {
      expect(classify('STOP', 'CA')).toMatchObject({ kind: 'optOut', keyword: 'STOP', scope: {}, language: null, reply: canadian });
    });

    it('gives a US subscriber texting ARRET the French text', () => {
      expect(classify('Arret', 'US')).toMatchObject({ kind: 'optOut', scope: { language: 'fr' }, language: 'fr', reply: french });
    });

    it('gives everyone else STOP in the global English text', () => {
      expect(classify('stop', 'US')).toMatchObject({ reply: english, language: null });
      expect(classify('stop', null)).toMatchObject({ reply: english, country: null });
    });

    it('still recognises the language keyword when the country is unknown', () => {
      expect(classify('ARRET', null)).toMatchObject({ kind: 'optOut', language: 'fr', reply: french });
    });
  });

  describe('recognition and the matched rule', () => {
    const classify = classifierFor({
      optOut: { keywords: ['STOP', 'ARRET'], message: 'global out' },
      help: { keywords: ['HELP'], message: 'global help' },
      overrides: [
        { country: 'CA', optOut: { keywords: ['ARRET', 'HALTE'], message: 'CA out' }, help: { message: 'CA help' } },
        { language: 'fr', optOut: { keywords: ['ARRET'], message: 'fr out' }, help: { keywords: ['AIDE'] } },
        { country: 'CA', language: 'fr', optOut: { keywords: ['ARRET'] }, help: { message: 'CA fr help' } },
        { country: 'BE', language: 'fr', optOut: { keywords: ['STOPPE'], message: 'BE fr out' } },
      ],
    });

    it('recognises a country override\'s keyword only for that country', () => {
      expect(classify('HALTE', 'CA')).toMatchObject({ kind: 'optOut', scope: { country: 'CA' }, language: null, reply: 'CA out' });
      expect(classify('HALTE', 'FR').kind).toBeNull();
      expect(classify('HALTE', null).kind).toBeNull();
      expect(classify('STOPPE', 'BE')).toMatchObject({ scope: { country: 'BE', language: 'fr' }, reply: 'BE fr out' });
      expect(classify('STOPPE', 'FR').kind).toBeNull();
    });

    it('picks the most specific scope listing the keyword: {C, L} > {L} > {C} > global', () => {
      expect(classify('ARRET', 'CA').scope).toEqual({ country: 'CA', language: 'fr' });
      expect(classify('ARRET', 'FR').scope).toEqual({ language: 'fr' });
      expect(classify('ARRET', null).scope).toEqual({ language: 'fr' });
    });

    it('replies with the first message among {C, L}, {L}, {C}, global', () => {
      // {CA, fr} has no optOut message: {fr} comes next.
      expect(classify('ARRET', 'CA').reply).toBe('fr out');
      // AIDE matched {fr}, which has no help message: {CA, fr}, then {CA} for a Canadian.
      expect(classify('AIDE', 'CA')).toMatchObject({ kind: 'help', language: 'fr', reply: 'CA fr help' });
      expect(classify('AIDE', 'FR')).toMatchObject({ kind: 'help', language: 'fr', reply: 'global help' });
      // No language on the matched rule: {C}, then global.
      expect(classify('HELP', 'CA')).toMatchObject({ language: null, reply: 'CA help' });
      expect(classify('HELP', 'GB')).toMatchObject({ language: null, reply: 'global help' });
    });

    it('returns all nulls but the country when nothing matches (keywords mode)', () => {
      for (const body of ['please stop', '', '🛑', 'STOP2']) {
        expect(classify(body, 'CA')).toEqual({
          kind: null,
          match: null,
          rule: null,
          keyword: null,
          scope: null,
          language: null,
          country: 'CA',
          reply: null,
          replySegments: null,
        });
      }
    });

    it('reports the keyword as written in the profile', () => {
      expect(classifierFor({})('Stop all!', 'US')).toMatchObject({ kind: 'optOut', keyword: 'STOPALL' });
      expect(classifierFor({})('opt out', 'US')).toMatchObject({ kind: 'optOut', keyword: 'OPTOUT' });
    });

    it('returns fresh objects: a caller cannot corrupt the compiled profile', () => {
      const first = classify('ARRET', 'FR');
      first.scope!.language = 'es';
      first.replySegments!.segments = 99;
      expect(classify('ARRET', 'FR')).toMatchObject({ scope: { language: 'fr' }, replySegments: { segments: 1 } });
    });
  });

  describe('defaults', () => {
    const classify = classifierFor({});

    it.each([
      ...DEFAULT_PROFILE.optOut.keywords.map((k) => [k, 'optOut']),
      ...DEFAULT_PROFILE.optIn.keywords.map((k) => [k, 'optIn']),
      ...DEFAULT_PROFILE.help.keywords.map((k) => [k, 'help']),
      ['Stop all', 'optOut'],
      ['OPT OUT', 'optOut'],
    ])('classifies %j as %s with the default reply', (body, kind) => {
      expect(classify(body, 'US')).toMatchObject({ kind, reply: DEFAULT_PROFILE[kind as KeywordKind].message, scope: {} });
    });
  });

  describe('properties', () => {
    it('matches any keyword wrapped in whitespace, punctuation, emoji or a change of case', () => {
      fc.assert(
        fc.property(
          keywordUnits.chain((units) => fc.tuple(fc.constant(units.join('')), disguisedKeyword(units))),
          fc.constantFrom(...COUNTRIES_SEEN),
          ([keyword, typed], country) => {
            const classify = classifierFor({ optOut: { keywords: ['STOP', keyword].filter((k, i, all) => all.findIndex((o) => matchKey(o) === matchKey(k)) === i) } });
            expect(classify(typed, country)).toMatchObject({ kind: 'optOut', keyword: matchKey(keyword) === 'stop' ? 'STOP' : keyword });
          },
        ),
        { numRuns: 500 },
      );
    });

    it('never lets one message match two kinds: every keyword classifies as the kind it is listed under', () => {
      fc.assert(
        fc.property(validProfileInput, (input) => {
          const profile = effective(input);
          const compiled = compileProfile(profile, 1);
          // Collected and asserted once: a jest expect per call would dominate the run time.
          const wrong: string[] = [];
          for (const [key, candidates] of compiled.candidatesByKey) {
            const kinds = new Set(candidates.map((c) => c.kind));
            if (kinds.size > 1) wrong.push(`${key} is listed under ${[...kinds].join(' and ')}`);
          }
          for (const [keyword, kind] of listedKeywords(profile)) {
            for (const country of COUNTRIES_SEEN) {
              const got = classifyMessage(compiled, { body: keyword, country }).kind;
              if (got !== null && got !== kind) wrong.push(`${keyword} from ${country}: ${got}, listed as ${kind}`);
            }
          }
          expect(wrong).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it('never lets a language or country override stop a global keyword from matching', () => {
      fc.assert(
        fc.property(validProfileInput, fc.constantFrom(...COUNTRIES_SEEN), (input, country) => {
          const profile = effective(input);
          const withOverrides = compileProfile(profile, 1);
          const globalOnly = compileProfile({ ...profile, overrides: [] }, 1);
          const missed: string[] = [];
          for (const kind of KEYWORD_KINDS) {
            for (const keyword of profile[kind].keywords) {
              for (const compiled of [withOverrides, globalOnly]) {
                const got = classifyMessage(compiled, { body: keyword, country }).kind;
                if (got !== kind) missed.push(`${keyword} (${kind}) from ${country}: ${got}`);
              }
            }
          }
          expect(missed).toEqual([]);
          expect(classifyMessage(withOverrides, { body: 'stop', country }).kind).toBe('optOut');
        }),
        { numRuns: 300 },
      );
    });

    it('agrees with the rules as written (override-resolver) on any profile and message', () => {
      const body = fc.oneof(
        fc.constantFrom(...Object.values(KEYWORD_POOLS).flat(), ...DEFAULT_PROFILE.optOut.keywords),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
      );
      fc.assert(
        fc.property(validProfileInput, body, fc.constantFrom(...NOISE), fc.constantFrom(...COUNTRIES_SEEN), (input, text, noise, country) => {
          const profile = effective(input);
          const message = `${noise}${text}${noise}`;
          const actual = classifyMessage(compileProfile(profile, 7), { body: message, country });
          const expected = resolveMatch(profile, message, country);
          if (!expected) {
            expect(actual.kind).toBeNull();
            return;
          }
          const language = expected.scope.language ?? null;
          expect(actual).toEqual({
            kind: expected.kind,
            match: 'keyword',
            rule: null,
            keyword: expected.keyword,
            scope: expected.scope,
            language,
            country,
            reply: resolveReplyMessage(profile, expected.kind, country, language),
            replySegments: smsSegments(resolveReplyMessage(profile, expected.kind, country, language)),
          });
        }),
        { numRuns: 500 },
      );
    });
  });
});

function listedKeywords(profile: EffectiveProfile): Array<[string, KeywordKind]> {
  const listed: Array<[string, KeywordKind]> = [];
  for (const scope of [profile, ...profile.overrides]) {
    for (const kind of KEYWORD_KINDS) {
      for (const keyword of scope[kind]?.keywords ?? []) listed.push([keyword, kind]);
    }
  }
  return listed;
}

describe('classifyMessage with a lazily derived country', () => {
  const compiled = compileProfile(DEFAULT_PROFILE, 0);

  it('derives the country only when the text matches a keyword', () => {
    const countryOf = jest.fn(() => 'US');
    expect(classifyMessage(compiled, { body: 'Can I order roses?', country: countryOf }).kind).toBeNull();
    expect(countryOf).not.toHaveBeenCalled();
    expect(classifyMessage(compiled, { body: 'stop', country: countryOf })).toMatchObject({ kind: 'optOut', country: 'US' });
    expect(countryOf).toHaveBeenCalledTimes(1);
  });
});
