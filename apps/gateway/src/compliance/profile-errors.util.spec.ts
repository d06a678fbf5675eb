import { nestedPath, profileRefused } from './profile-errors.util';

describe('profile errors', () => {
  it.each([
    ['', 'optOut.keywords[1]', 'optOut.keywords[1]'],
    ['profile', 'optOut.keywords[1]', 'profile.optOut.keywords[1]'],
    ['profile', '', 'profile'],
    ['profile', '["odd key"]', 'profile["odd key"]'],
  ])('nests %j + %j as %j', (prefix, path, expected) => expect(nestedPath(prefix, path)).toBe(expected));

  it('is one 400 listing every broken rule with its path, rule and words', () => {
    const error = profileRefused([
      { path: 'optOut.keywords[1]', rule: 'duplicate_keyword_across_kinds', message: 'Keyword "YES" is listed twice' },
      { path: 'overrides[0].country', rule: 'invalid_country', message: '"UK" is not a country code; did you mean GB?' },
    ]);
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.stringContaining('2 rules are broken'),
        details: [
          { path: 'optOut.keywords[1]', field: 'optOut.keywords[1]', rule: 'duplicate_keyword_across_kinds', message: 'Keyword "YES" is listed twice' },
          { path: 'overrides[0].country', field: 'overrides[0].country', rule: 'invalid_country', message: '"UK" is not a country code; did you mean GB?' },
        ],
      },
    });
  });
});
