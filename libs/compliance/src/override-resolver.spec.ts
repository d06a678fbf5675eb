import type { EffectiveProfile } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import { resolveMatch, resolveReplyMessage, scopeAppliesTo, scopeSpecificity } from './override-resolver';

const profile: EffectiveProfile = {
  optOut: { keywords: ['STOP'], message: 'global' },
  optIn: DEFAULT_PROFILE.optIn,
  help: DEFAULT_PROFILE.help,
  overrides: [
    { country: 'CA', optOut: { message: 'CA' } },
    { language: 'fr', optOut: { keywords: ['ARRET'], message: 'fr' } },
    { country: 'CA', language: 'fr', optOut: { message: 'CA fr' } },
    { language: 'es', optOut: { keywords: ['BAJA'] } },
  ],
};

describe('override resolution', () => {
  it('orders scopes {C, L} > {L} > {C} > global', () => {
    expect(scopeSpecificity({ country: 'CA', language: 'fr' })).toBeGreaterThan(scopeSpecificity({ language: 'fr' }));
    expect(scopeSpecificity({ language: 'fr' })).toBeGreaterThan(scopeSpecificity({ country: 'CA' }));
    expect(scopeSpecificity({ country: 'CA' })).toBeGreaterThan(scopeSpecificity({}));
  });

  it('applies a scope to a subscriber when its country is theirs or absent', () => {
    expect(scopeAppliesTo({}, null)).toBe(true);
    expect(scopeAppliesTo({ language: 'fr' }, null)).toBe(true);
    expect(scopeAppliesTo({ country: 'CA' }, 'CA')).toBe(true);
    expect(scopeAppliesTo({ country: 'CA', language: 'fr' }, 'US')).toBe(false);
    expect(scopeAppliesTo({ country: 'CA' }, null)).toBe(false);
  });

  describe('resolveReplyMessage', () => {
    it.each([
      ['CA', 'fr', 'CA fr'],
      ['US', 'fr', 'fr'],
      [null, 'fr', 'fr'],
      ['CA', null, 'CA'],
      ['US', null, 'global'],
      ['CA', 'es', 'CA'],
      ['US', 'es', 'global'],
    ])('country %s, language %s: %s', (country, language, expected) => {
      expect(resolveReplyMessage(profile, 'optOut', country, language)).toBe(expected);
    });

    it('falls back to the global message of the kind asked for', () => {
      expect(resolveReplyMessage(profile, 'help', 'CA', 'fr')).toBe(DEFAULT_PROFILE.help.message);
    });
  });

  describe('resolveMatch', () => {
    it('finds the most specific scope listing the keyword', () => {
      expect(resolveMatch(profile, 'Arrêt!', 'CA')).toEqual({ kind: 'optOut', keyword: 'ARRET', scope: { language: 'fr' } });
      expect(resolveMatch(profile, 'stop', 'CA')).toEqual({ kind: 'optOut', keyword: 'STOP', scope: {} });
      expect(resolveMatch(profile, 'start', null)).toEqual({ kind: 'optIn', keyword: 'START', scope: {} });
      expect(resolveMatch(profile, 'nothing', 'CA')).toBeNull();
      expect(resolveMatch(profile, '...', 'CA')).toBeNull();
    });
  });
});
