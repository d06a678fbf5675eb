import { DEFAULT_PROFILE } from './default-profile';
import { KEYWORD_KINDS } from './keyword-kind';
import { validateProfile } from './profile-validator';
import { smsSegments } from './sms-segments.util';

describe('DEFAULT_PROFILE', () => {
  it('has the keywords of the spec table', () => {
    expect(DEFAULT_PROFILE.optOut.keywords).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
    expect(DEFAULT_PROFILE.optIn.keywords).toEqual(['START', 'UNSTOP', 'YES']);
    expect(DEFAULT_PROFILE.help.keywords).toEqual(['HELP', 'INFO']);
    expect(DEFAULT_PROFILE.overrides).toEqual([]);
  });

  it.each(KEYWORD_KINDS)('has a %s message that fits one GSM-7 segment', (kind) => {
    expect(smsSegments(DEFAULT_PROFILE[kind].message)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('tells the subscriber how to opt out and back in', () => {
    expect(DEFAULT_PROFILE.optOut.message).toMatch(/START/);
    expect(DEFAULT_PROFILE.optIn.message).toMatch(/STOP/);
    expect(DEFAULT_PROFILE.help.message).toMatch(/STOP/);
  });

  it('is itself a valid profile, without warnings', () => {
    expect(validateProfile(DEFAULT_PROFILE)).toEqual({ ok: true, profile: DEFAULT_PROFILE, warnings: [] });
  });

  it('cannot be edited by accident', () => {
    expect(() => DEFAULT_PROFILE.optOut.keywords.push('X')).toThrow(TypeError);
    expect(() => {
      DEFAULT_PROFILE.help.message = 'x';
    }).toThrow(TypeError);
  });
});
