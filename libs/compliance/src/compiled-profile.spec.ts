import { classifyMessage } from './classify-message';
import { compileProfile } from './compiled-profile';
import type { EffectiveProfile } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import { smsSegments } from './sms-segments.util';

describe('compileProfile', () => {
  it('keeps the version it was built for', () => {
    expect(compileProfile(DEFAULT_PROFILE, 42).version).toBe(42);
  });

  it('indexes every keyword by its match key, most specific scope first', () => {
    const compiled = compileProfile(
      {
        ...DEFAULT_PROFILE,
        overrides: [
          { country: 'CA', optOut: { keywords: ['ARRET'] } },
          { country: 'CA', language: 'fr', optOut: { keywords: ['Arrêt'] } },
          { language: 'fr', optOut: { keywords: ['ARRET'] } },
        ],
      },
      1,
    );
    expect(compiled.candidatesByKey.get('arret')?.map((c) => c.scope)).toEqual([
      { country: 'CA', language: 'fr' },
      { language: 'fr' },
      { country: 'CA' },
    ]);
    expect(compiled.candidatesByKey.get('stopall')?.[0]).toMatchObject({ kind: 'optOut', keyword: 'STOPALL', scope: {} });
  });

  it('precomputes each reply and its SMS cost once, per subscriber country where it differs', () => {
    const compiled = compileProfile(
      { ...DEFAULT_PROFILE, overrides: [{ country: 'GB', help: { message: 'UK help' } }, { country: 'IE' }] },
      1,
    );
    const [help] = compiled.candidatesByKey.get('help')!;
    expect(help.defaultReply).toEqual({ text: DEFAULT_PROFILE.help.message, segments: smsSegments(DEFAULT_PROFILE.help.message) });
    expect([...help.replyByCountry.keys()]).toEqual(['GB']);
    expect(help.replyByCountry.get('GB')?.text).toBe('UK help');
  });

  it('is immutable once built', () => {
    const compiled = compileProfile(DEFAULT_PROFILE, 1);
    const list = compiled.candidatesByKey.get('stop')!;
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list[0])).toBe(true);
  });

  describe('defensive against a bad stored profile, on the side of the opt-out', () => {
    const classify = (profile: EffectiveProfile, body: string) => classifyMessage(compileProfile(profile, 1), { body, country: 'US' });

    it('recognises STOP even if the stored optOut list lost it', () => {
      const profile = { ...DEFAULT_PROFILE, optOut: { keywords: ['QUIT'], message: 'bye' } };
      expect(classify(profile, 'stop')).toMatchObject({ kind: 'optOut', keyword: 'STOP', reply: 'bye' });
    });

    it('prefers optOut when one scope lists a keyword under two kinds', () => {
      const profile = { ...DEFAULT_PROFILE, optIn: { keywords: ['START', 'QUIT'], message: 'hi' } };
      expect(classify(profile, 'quit')).toMatchObject({ kind: 'optOut' });
    });

    it('ignores keywords without a letter or digit instead of throwing', () => {
      const profile = { ...DEFAULT_PROFILE, help: { keywords: ['HELP', '--'], message: 'h' } };
      expect(classify(profile, '--').kind).toBeNull();
    });
  });
});
