import fc from 'fast-check';
import type { EffectiveProfile } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import type { ProfileViolation, ProfileWarning } from './profile-validation.types';
import { validateProfile } from './profile-validator';
import { validProfileInput } from './testing/compliance.arbitraries';

function accepted(input: unknown): { profile: EffectiveProfile; warnings: ProfileWarning[] } {
  const result = validateProfile(input);
  if (!result.ok) throw new Error(`expected the profile to be accepted, got ${JSON.stringify(result.errors, null, 2)}`);
  return { profile: result.profile, warnings: result.warnings };
}

function refused(input: unknown): ProfileViolation[] {
  const result = validateProfile(input);
  if (result.ok) throw new Error('expected the profile to be refused');
  return result.errors;
}

/** The errors as `path rule` pairs, the part a client switches on. */
function rulesOf(input: unknown): string[] {
  return refused(input).map((error) => `${error.path} ${error.rule}`);
}

/** `count` distinct keywords made of letters only: KA, KB, ... KZ, KBA ... */
function many(prefix: string, count: number): string[] {
  const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26))) + String.fromCharCode(65 + (n % 26));
  return Array.from({ length: count }, (_, i) => `${prefix}${letters(i)}`);
}

describe('validateProfile', () => {
  describe('defaults', () => {
    it('turns an empty profile into the defaults', () => {
      expect(accepted({})).toEqual({ profile: DEFAULT_PROFILE, warnings: [] });
    });

    it('keeps the defaults of a kind left out, and of a field left out of a kind', () => {
      const { profile } = accepted({ optOut: { message: 'Acme: unsubscribed.' }, help: { keywords: ['HELP'] } });
      expect(profile.optOut).toEqual({ keywords: DEFAULT_PROFILE.optOut.keywords, message: 'Acme: unsubscribed.' });
      expect(profile.optIn).toEqual(DEFAULT_PROFILE.optIn);
      expect(profile.help).toEqual({ keywords: ['HELP'], message: DEFAULT_PROFILE.help.message });
    });

    it('returns copies: editing the effective profile never edits the defaults', () => {
      const { profile } = accepted({});
      profile.optIn.keywords.push('GO');
      expect(DEFAULT_PROFILE.optIn.keywords).toEqual(['START', 'UNSTOP', 'YES']);
    });

    it('treats a kind\'s keyword list as the complete list for its scope', () => {
      const { profile } = accepted({ optIn: { keywords: ['GO'] } });
      expect(profile.optIn.keywords).toEqual(['GO']);
    });

    it('accepts the profile of the API documentation unchanged', () => {
      const input = {
        optOut: { keywords: ['STOP', 'UNSUBSCRIBE'], message: 'Acme: you are unsubscribed. Reply START to resubscribe.' },
        optIn: { keywords: ['START', 'YES'], message: 'Acme: welcome back! Reply HELP for help, STOP to stop.' },
        help: { keywords: ['HELP'], message: 'Acme support: +1 555 0100. Msg&data rates may apply. Reply STOP to stop.' },
        overrides: [
          { language: 'fr', optOut: { keywords: ['ARRET'], message: 'Acme : désabonnement confirmé.' } },
          { country: 'CA', help: { message: 'Acme Canada: 1-800-555-0100.' } },
        ],
      };
      expect(accepted(input)).toEqual({ profile: { ...input, revocation: { mode: 'keywords' } }, warnings: [] });
    });

    it('accepts its own output again unchanged (GET then PUT round-trips)', () => {
      fc.assert(
        fc.property(validProfileInput, (input) => {
          const { profile } = accepted(input);
          expect(accepted(JSON.parse(JSON.stringify(profile))).profile).toEqual(profile);
        }),
      );
    });
  });

  describe('STOP', () => {
    it('puts STOP back first in the global optOut list, with a warning', () => {
      const { profile, warnings } = accepted({ optOut: { keywords: ['QUIT'] } });
      expect(profile.optOut.keywords).toEqual(['STOP', 'QUIT']);
      expect(warnings).toEqual([expect.objectContaining({ path: 'optOut.keywords', rule: 'stop_keyword_added' })]);
    });

    it('recognises STOP however it is written', () => {
      const { profile, warnings } = accepted({ optOut: { keywords: ['QUIT', 'stop'] } });
      expect(profile.optOut.keywords).toEqual(['QUIT', 'stop']);
      expect(warnings).toEqual([]);
    });

    it('keeps STOP even when the optOut list is empty', () => {
      expect(accepted({ optOut: { keywords: [] } }).profile.optOut.keywords).toEqual(['STOP']);
    });

    it('refuses STOP under another kind, anywhere', () => {
      expect(rulesOf({ optIn: { keywords: ['START', 'STOP'] } })).toEqual([
        'optIn.keywords[1] duplicate_keyword_across_kinds',
      ]);
      expect(rulesOf({ overrides: [{ language: 'fr', help: { keywords: ['S T O P'] } }] })).toEqual([
        'overrides[0].help.keywords[0] duplicate_keyword_across_kinds',
      ]);
    });

    it('does not count STOP toward the limit of 20', () => {
      const twenty = many('Q', 20);
      expect(accepted({ optOut: { keywords: ['STOP', ...twenty] } }).profile.optOut.keywords).toHaveLength(21);
      expect(accepted({ overrides: [{ country: 'FR', optOut: { keywords: [...twenty, 'STOP'] } }] }).profile.overrides[0].optOut?.keywords).toHaveLength(21);
    });
  });

  describe('keywords', () => {
    it.each([
      ['STOP ALL'],
      ['opt-out'],
      ['ARRÊT'],
      ['ARRE\u0302T'],
      ['СТОП'],
      ['रुको'],
      ['停止'],
      ['می\u200cخواهم'],
      ['X'],
      ['7'],
      ['A'.repeat(30)],
    ])('accepts %j', (keyword) => {
      accepted({ optOut: { keywords: ['STOP', keyword] } });
    });

    it.each([
      ['STOP!', 'keyword_invalid_characters', /"!"/],
      ['STOP_ALL', 'keyword_invalid_characters', /"_"/],
      ["don't", 'keyword_invalid_characters', /"'"/],
      ['STOP\tALL', 'keyword_invalid_characters', /U\+0009/],
      ['🛑', 'keyword_invalid_characters', /🛑/],
      ['', 'keyword_invalid_characters', /empty/],
      [' - ', 'keyword_length', /no letter or digit/],
      ['A'.repeat(31), 'keyword_length', /31 letters or digits/],
      ['A-'.repeat(51), 'keyword_length', /102 characters/],
    ])('refuses %j (%s)', (keyword, rule, message) => {
      const errors = refused({ help: { keywords: ['HELP', keyword] } });
      expect(errors).toEqual([{ path: 'help.keywords[1]', rule, message: expect.stringMatching(message) }]);
      expect(errors[0].message).toContain('Keyword "');
    });

    it('counts letters and digits after normalisation: 30 with hyphens and spaces is fine', () => {
      accepted({ help: { keywords: ['ABCDE-FGHIJ KLMNO-PQRST UVWXY-Z1234'] } });
    });

    it('refuses more than 20 keywords per kind and scope, naming the count', () => {
      const errors = refused({ optIn: { keywords: many('K', 21) } });
      expect(errors).toEqual([
        { path: 'optIn.keywords', rule: 'keyword_limit', message: expect.stringContaining('lists 21 keywords; at most 20') },
      ]);
      expect(rulesOf({ overrides: [{ language: 'es', help: { keywords: many('H', 25) } }] })).toEqual([
        'overrides[0].help.keywords keyword_limit',
      ]);
    });

    it('refuses a keyword listed twice in one list, even written differently', () => {
      const errors = refused({ optOut: { keywords: ['STOP', 'QUIT', 'Quit', 'opt out', 'OPT-OUT'] } });
      expect(errors.map((e) => `${e.path} ${e.rule}`)).toEqual([
        'optOut.keywords[2] duplicate_keyword',
        'optOut.keywords[4] duplicate_keyword',
      ]);
      expect(errors[1].message).toContain('"OPT-OUT"');
      expect(errors[1].message).toContain('"opt out" at optOut.keywords[3]');
    });

    it('refuses the same keyword under two kinds of the global settings', () => {
      const errors = refused({ optOut: { keywords: ['STOP', 'END'] }, help: { keywords: ['HELP', 'end'] } });
      expect(errors).toEqual([
        {
          path: 'help.keywords[1]',
          rule: 'duplicate_keyword_across_kinds',
          message: expect.stringContaining('"end" is listed as help in the global settings, but it is already an optOut keyword ("END" at optOut.keywords[1]'),
        },
      ]);
    });

    it('refuses a keyword that is a default of another kind, and says why the default applies', () => {
      const errors = refused({ optOut: { keywords: ['STOP', 'YES'] } });
      expect(errors).toEqual([
        {
          path: 'optOut.keywords[1]',
          rule: 'duplicate_keyword_across_kinds',
          message: expect.stringContaining('one of the default optIn keywords, which apply because the profile does not list optIn keywords'),
        },
      ]);
      accepted({ optOut: { keywords: ['STOP', 'YES'] }, optIn: { keywords: ['START'] } });
    });

    it('refuses the same keyword under two kinds anywhere: global vs override, override vs override', () => {
      expect(rulesOf({ overrides: [{ language: 'fr', optIn: { keywords: ['CANCEL'] } }] })).toEqual([
        'overrides[0].optIn.keywords[0] duplicate_keyword_across_kinds',
      ]);
      expect(
        rulesOf({
          overrides: [
            { language: 'es', optOut: { keywords: ['NO'] } },
            { country: 'MX', optIn: { keywords: ['NO'] } },
          ],
        }),
      ).toEqual(['overrides[1].optIn.keywords[0] duplicate_keyword_across_kinds']);
      expect(rulesOf({ overrides: [{ language: 'es', optOut: { keywords: ['NO'] }, optIn: { keywords: ['no'] } }] })).toEqual([
        'overrides[0].optIn.keywords[0] duplicate_keyword_across_kinds',
      ]);
    });

    it('allows one keyword in several scopes of the same kind: the most specific wins', () => {
      accepted({
        optOut: { keywords: ['STOP', 'ARRET'] },
        overrides: [
          { language: 'fr', optOut: { keywords: ['ARRET'] } },
          { country: 'CA', optOut: { keywords: ['ARRET'] } },
          { country: 'CA', language: 'fr', optOut: { keywords: ['ARRET'] } },
        ],
      });
    });
  });

  describe('overrides', () => {
    it('needs a country, a language, or both', () => {
      expect(rulesOf({ overrides: [{ optOut: { keywords: ['X'] } }] })).toEqual(['overrides[0] override_selector_required']);
      accepted({ overrides: [{ country: 'CA' }, { language: 'fr' }, { country: 'CA', language: 'fr' }] });
    });

    it.each([
      ['ca', /upper case: "CA"/],
      ['UK', /did you mean "GB"/],
      ['ZZ', /not an assigned code/],
      ['CAN', /two-letter upper-case code/],
      ['', /two-letter upper-case code/],
    ])('refuses country %j with advice', (country, advice) => {
      expect(refused({ overrides: [{ country }] })).toEqual([
        { path: 'overrides[0].country', rule: 'invalid_country', message: expect.stringMatching(advice) },
      ]);
    });

    it('accepts every country a phone number can be in, Kosovo included', () => {
      accepted({ overrides: ['XK', 'AC', 'TA', 'US', 'AQ'].map((country) => ({ country })) });
    });

    it.each([
      ['FR', /lower case: "fr"/],
      ['iw', /did you mean "he"/],
      ['fr-CA', /use the language alone \("fr"\) and put the region in "country"/],
      ['xx', /not an assigned code/],
      ['fra', /two-letter lower-case code/],
    ])('refuses language %j with advice', (language, advice) => {
      expect(refused({ overrides: [{ language }] })).toEqual([
        { path: 'overrides[0].language', rule: 'invalid_language', message: expect.stringMatching(advice) },
      ]);
    });

    it('refuses two overrides with the same selector', () => {
      const errors = refused({ overrides: [{ country: 'CA', language: 'fr' }, { language: 'fr' }, { language: 'fr', country: 'CA' }] });
      expect(errors).toEqual([
        {
          path: 'overrides[2]',
          rule: 'duplicate_override_selector',
          message: expect.stringContaining('country CA and language fr, already used by overrides[0]'),
        },
      ]);
    });

    it('refuses two language overrides listing the same keyword (es and pt both PARAR)', () => {
      const errors = refused({
        overrides: [
          { language: 'es', optOut: { keywords: ['PARAR'] } },
          { language: 'pt', optOut: { keywords: ['parar'] } },
        ],
      });
      expect(errors).toEqual([
        {
          path: 'overrides[1].optOut.keywords[0]',
          rule: 'duplicate_keyword_same_specificity',
          message: expect.stringContaining('"parar" is listed by the override for language pt (overrides[1]) and by the override for language es (overrides[0])'),
        },
      ]);
    });

    it('refuses two {country, language} overrides of one country listing the same keyword', () => {
      expect(
        rulesOf({
          overrides: [
            { country: 'CA', language: 'fr', help: { keywords: ['INFOS'] } },
            { country: 'CA', language: 'en', help: { keywords: ['INFOS'] } },
          ],
        }),
      ).toEqual(['overrides[1].help.keywords[0] duplicate_keyword_same_specificity']);
    });

    it('allows the same keyword where no message can meet both: {CA, fr} and {US, fr}, {CA} and {US}', () => {
      accepted({
        overrides: [
          { country: 'CA', language: 'fr', optOut: { keywords: ['ARRET'] } },
          { country: 'US', language: 'fr', optOut: { keywords: ['ARRET'] } },
          { country: 'CA', optOut: { keywords: ['HALT'] } },
          { country: 'US', optOut: { keywords: ['HALT'] } },
        ],
      });
    });

    it('allows the same keyword at different specificities: {fr} and {CA}', () => {
      accepted({
        overrides: [
          { language: 'fr', optOut: { keywords: ['ARRET'] } },
          { country: 'CA', optOut: { keywords: ['ARRET'] } },
        ],
      });
    });

    it(`refuses more than 200 overrides`, () => {
      const overrides = Array.from({ length: 201 }, (_, i) => ({ country: 'US', language: ['en', 'es', 'fr'][i % 3] }));
      expect(refused({ overrides }).filter((e) => e.rule === 'override_limit')).toEqual([
        { path: 'overrides', rule: 'override_limit', message: 'The profile has 201 overrides; at most 200 are allowed.' },
      ]);
    });

    it('keeps overrides exactly as written, without adding defaults', () => {
      const override = { country: 'GB', help: { message: 'Call 020 7946 0000.' } };
      expect(accepted({ overrides: [override] }).profile.overrides).toEqual([override]);
    });
  });

  describe('messages', () => {
    it('accepts 1 to 1600 characters, counted as Unicode characters', () => {
      accepted({ optOut: { message: '.' } });
      accepted({ optOut: { message: 'x'.repeat(1600) } });
      accepted({ optOut: { message: '🛑'.repeat(1600) } });
    });

    it('refuses an empty, blank or over-long message', () => {
      expect(
        refused({
          optOut: { message: '' },
          optIn: { message: ' \n\u200b' },
          help: { message: 'x'.repeat(1601) },
        }),
      ).toEqual([
        { path: 'optOut.message', rule: 'message_length', message: expect.stringContaining('is empty') },
        { path: 'optIn.message', rule: 'message_blank', message: expect.stringContaining('only spaces') },
        { path: 'help.message', rule: 'message_length', message: expect.stringContaining('1601 characters long; the limit is 1600') },
      ]);
    });

    it('warns when a message needs more than one SMS segment, naming what forces UCS-2', () => {
      const { warnings } = accepted({
        optIn: { message: 'x'.repeat(161) },
        overrides: [{ language: 'fr', optOut: { message: `Vous êtes désabonné — ${'x'.repeat(60)}` } }],
      });
      expect(warnings).toEqual([
        { path: 'optIn.message', rule: 'message_multi_segment', message: expect.stringContaining('takes 2 SMS segments (161 septets)') },
        {
          path: 'overrides[0].optOut.message',
          rule: 'message_multi_segment',
          message: expect.stringContaining('UCS-2 (70 characters per SMS) because of "ê", "—"'),
        },
      ]);
    });
  });

  describe('structure', () => {
    it.each([[null], [[]], ['STOP'], [42], [undefined]])('refuses %j as a profile', (input) => {
      expect(rulesOf(input)).toEqual([' invalid_type']);
    });

    it('refuses unknown fields at every level, suggesting the field that was meant', () => {
      const errors = refused({
        optout: {},
        optOut: { keywords: ['STOP'], reply: 'x' },
        overrides: [{ Country: 'CA', help: { msg: 'x' } }],
        'odd key': 1,
      });
      expect(errors.map((e) => `${e.path} ${e.rule}`)).toEqual([
        'optout unknown_field',
        '["odd key"] unknown_field',
        'optOut.reply unknown_field',
        'overrides[0].Country unknown_field',
        'overrides[0] override_selector_required',
        'overrides[0].help.msg unknown_field',
      ]);
      expect(errors[0].message).toContain('did you mean "optOut"?');
      expect(errors[3].message).toContain('did you mean "country"?');
      expect(errors[5].message).toContain('the allowed fields are keywords, message');
    });

    it('refuses wrong types with the path and what was expected', () => {
      expect(
        refused({
          optOut: 'STOP',
          optIn: { keywords: 'START', message: 7 },
          help: { keywords: ['HELP', 3, null] },
          overrides: [{ country: 1 }, 'fr', { language: null }],
        }),
      ).toEqual([
        { path: 'optOut', rule: 'invalid_type', message: 'optOut must be an object with "keywords" and/or "message", not a string.' },
        { path: 'optIn.keywords', rule: 'invalid_type', message: 'optIn.keywords must be an array of strings, not a string.' },
        { path: 'optIn.message', rule: 'invalid_type', message: 'optIn.message must be a string, not a number.' },
        { path: 'help.keywords[1]', rule: 'invalid_type', message: 'help.keywords[1] must be a string, not a number.' },
        { path: 'help.keywords[2]', rule: 'invalid_type', message: 'help.keywords[2] must be a string, not null.' },
        { path: 'overrides[0].country', rule: 'invalid_type', message: 'overrides[0].country must be a string such as "CA", not a number.' },
        { path: 'overrides[1]', rule: 'invalid_type', message: 'overrides[1] must be an object with a country and/or language, not a string.' },
        { path: 'overrides[2].language', rule: 'invalid_type', message: 'overrides[2].language must be a string such as "fr", not null.' },
      ]);
      expect(rulesOf({ overrides: {} })).toEqual(['overrides invalid_type']);
    });

    it('reports every broken rule at once, structural and cross-field together', () => {
      const errors = refused({
        optOut: { keywords: ['STOP', 'STOP!', 'QUIT'], message: '' },
        optIn: { keywords: ['START', 'QUIT'] },
        overrides: [
          { language: 'es', optOut: { keywords: ['PARAR'] } },
          { language: 'pt', optOut: { keywords: ['PARAR'] } },
          { country: 'uk' },
          { language: 'es' },
        ],
      });
      expect(errors.map((e) => `${e.path} ${e.rule}`)).toEqual([
        'optOut.keywords[1] keyword_invalid_characters',
        'optOut.message message_length',
        'overrides[2].country invalid_country',
        'optIn.keywords[1] duplicate_keyword_across_kinds',
        'overrides[3] duplicate_override_selector',
        'overrides[1].optOut.keywords[0] duplicate_keyword_same_specificity',
      ]);
    });

    it('never throws, whatever it is given', () => {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          expect(() => validateProfile(input)).not.toThrow();
        }),
      );
      const hostile = { get optOut(): never { throw new Error('boom'); } };
      expect(rulesOf(hostile)).toEqual([' unreadable_profile']);
    });

    it('never lets a prototype key through', () => {
      expect(rulesOf(JSON.parse('{"__proto__": {"optOut": 1}, "constructor": 2}'))).toEqual([
        '__proto__ unknown_field',
        'constructor unknown_field',
      ]);
    });
  });

  describe('warnings', () => {
    it('warns about an override that sets nothing', () => {
      expect(accepted({ overrides: [{ country: 'CA' }] }).warnings).toEqual([
        { path: 'overrides[0]', rule: 'override_without_settings', message: expect.stringContaining('changes nothing') },
      ]);
    });

    it('warns when subscribers lose every global optIn or help keyword', () => {
      expect(accepted({ optIn: { keywords: [] }, help: { keywords: [] } }).warnings.map((w) => `${w.path} ${w.rule}`)).toEqual([
        'optIn.keywords no_keywords',
        'help.keywords no_keywords',
      ]);
    });
  });
});
