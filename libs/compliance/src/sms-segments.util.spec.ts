import fc from 'fast-check';
import { nonGsm7Characters, smsSegments } from './sms-segments.util';

describe('smsSegments', () => {
  it('prices the whole GSM 03.38 default alphabet at one septet per character', () => {
    const alphabet =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    expect([...alphabet]).toHaveLength(127);
    expect(smsSegments(alphabet)).toEqual({ encoding: 'GSM-7', segments: 1, units: 127 });
  });

  it('prices extension-table characters at two septets', () => {
    expect(smsSegments('^{}\\[~]|€\f')).toEqual({ encoding: 'GSM-7', segments: 1, units: 20 });
  });

  it('counts € as two septets towards the single-SMS limit', () => {
    expect(smsSegments(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(smsSegments(`${'a'.repeat(159)}€`).segments).toBe(2);
  });

  it('switches the whole text to UCS-2 for a single character outside GSM-7', () => {
    expect(smsSegments('You’re unsubscribed')).toEqual({ encoding: 'UCS-2', segments: 1, units: 19 });
    expect(smsSegments('Arrêt')).toMatchObject({ encoding: 'UCS-2' });
    expect(smsSegments('停止')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
  });

  it('counts an emoji as a surrogate pair', () => {
    expect(smsSegments('🛑')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
  });

  // Each encoding: a character of one unit, a character of two (an escape sequence in GSM-7, a
  // surrogate pair in UCS-2), and how many units one SMS holds alone and as a segment of several.
  describe.each([
    { encoding: 'GSM-7', unit: 'septets', one: 'a', two: '€', single: 160, perSegment: 153 },
    { encoding: 'UCS-2', unit: 'UTF-16 units', one: 'ê', two: '🛑', single: 70, perSegment: 67 },
  ])('$encoding', ({ encoding, unit, one, two, single, perSegment }) => {
    it(`fits ${single} ${unit} in one SMS and ${perSegment} per segment beyond`, () => {
      for (const [units, segments] of [
        [single, 1],
        [single + 1, 2],
        [2 * perSegment, 2],
        [2 * perSegment + 1, 3],
      ]) {
        expect(smsSegments(one.repeat(units))).toEqual({ encoding, segments, units });
      }
    });

    it(`never splits ${two} across two segments`, () => {
      // 2 × perSegment units would fit two segments, but the two-unit character after
      // perSegment − 1 would straddle the boundary: it opens segment 2, which then overflows
      // by one into segment 3.
      const text = `${one.repeat(perSegment - 1)}${two}${one.repeat(perSegment - 1)}`;
      expect(smsSegments(text)).toEqual({ encoding, segments: 3, units: 2 * perSegment });
    });
  });

  it('takes no segment for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0 });
  });

  it('never reports fewer segments than units divided by the per-segment capacity', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 800 }), (text) => {
        const { encoding, segments, units } = smsSegments(text);
        const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
        if (units === 0) expect(segments).toBe(0);
        else if (units <= single) expect(segments).toBe(1);
        else expect(segments).toBeGreaterThanOrEqual(Math.ceil(units / multi));
      }),
    );
  });

  describe('nonGsm7Characters', () => {
    it('lists the characters that force UCS-2, once each, in order', () => {
      expect(nonGsm7Characters('Arrêt — vous êtes désabonné’')).toEqual(['ê', '—', '’']);
      expect(nonGsm7Characters('STOP {}€')).toEqual([]);
    });
  });
});
