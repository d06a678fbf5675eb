import * as compliance from './index';

describe('public API of @optout/compliance', () => {
  it('exports the functions and constants other code is written against', () => {
    expect(Object.keys(compliance).sort()).toEqual(
      [
        'DEFAULT_PROFILE',
        'ISO_3166_1_ALPHA2',
        'ISO_639_1',
        'KEYWORD_KINDS',
        'MANDATORY_OPT_OUT_KEYWORD',
        'PHONE_REGION_EXTRA_CODES',
        'PROFILE_LIMITS',
        'REVIEW_BUSINESS_DAYS',
        'REVOCATION_LANGUAGES',
        'REVOCATION_MODES',
        'classifyMessage',
        'compileProfile',
        'examineRevocation',
        'isCountryCode',
        'isLanguageCode',
        'matchKey',
        'reviewDeadline',
        'smsSegments',
        'validateProfile',
      ].sort(),
    );
    expect(compliance.KEYWORD_KINDS).toEqual(['optOut', 'optIn', 'help']);
  });

  it('works end to end: validate, compile, classify', () => {
    const validation = compliance.validateProfile({ overrides: [{ language: 'es', optOut: { keywords: ['BAJA'], message: 'Baja confirmada.' } }] });
    if (!validation.ok) throw new Error('refused');
    const compiled: compliance.CompiledProfile = compliance.compileProfile(validation.profile, 3);
    const result: compliance.Classification = compliance.classifyMessage(compiled, { body: 'Baja.', country: 'MX' });
    expect(result).toEqual({
      kind: 'optOut',
      match: 'keyword',
      rule: null,
      keyword: 'BAJA',
      scope: { language: 'es' },
      language: 'es',
      country: 'MX',
      reply: 'Baja confirmada.',
      replySegments: { encoding: 'GSM-7', segments: 1, units: 16 },
    });
  });
});
