import { checkKeyword } from './keyword-syntax.util';

describe('checkKeyword', () => {
  it('returns the match key of an acceptable keyword', () => {
    expect(checkKeyword('Stop All')).toEqual({ ok: true, key: 'stopall' });
    expect(checkKeyword('ARRÊT')).toEqual({ ok: true, key: 'arret' });
    expect(checkKeyword('opt-out')).toEqual({ ok: true, key: 'optout' });
  });

  it('counts 30 letters or digits at most, after normalisation', () => {
    expect(checkKeyword('x'.repeat(30)).ok).toBe(true);
    expect(checkKeyword('x'.repeat(31))).toMatchObject({ ok: false, rule: 'keyword_length' });
    expect(checkKeyword('ﬀ'.repeat(15)).ok).toBe(true);
    expect(checkKeyword('ﬀ'.repeat(16))).toMatchObject({ ok: false, rule: 'keyword_length' });
  });

  it('names the first forbidden character, invisible ones by code point', () => {
    expect(checkKeyword('STOP.')).toMatchObject({ ok: false, reason: expect.stringContaining('"." (U+002E)') });
    expect(checkKeyword('ST\u200bOP')).toMatchObject({ ok: false, reason: expect.stringContaining('U+200B') });
  });
});
