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

  it('fits 160 septets in one SMS and 153 per segment beyond', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', segments: 2, units: 306 });
    expect(smsSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', segments: 3, units: 307 });
  });

  it('counts € as two septets towards the single-SMS limit', () => {
    expect(smsSegments(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(smsSegments(`${'a'.repeat(159)}€`).segments).toBe(2);
  });

  it('never splits an escape sequence across two segments', () => {
    // 306 septets would fit two segments, but € (2 septets) after 152 would straddle the
    // boundary: it opens segment 2, which then overflows by one into segment 3.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
  });

  it('switches the whole text to UCS-2 for a single character outside GSM-7', () => {
    expect(smsSegments('You’re unsubscribed')).toEqual({ encoding: 'UCS-2', segments: 1, units: 19 });
    expect(smsSegments('Arrêt')).toMatchObject({ encoding: 'UCS-2' });
    expect(smsSegments('停止')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
  });

  it('fits 70 UTF-16 units in one UCS-2 SMS and 67 per segment beyond', () => {
    expect(smsSegments('ê'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments('ê'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(smsSegments('ê'.repeat(134))).toEqual({ encoding: 'UCS-2', segments: 2, units: 134 });
    expect(smsSegments('ê'.repeat(135))).toEqual({ encoding: 'UCS-2', segments: 3, units: 135 });
  });

  it('counts an emoji as a surrogate pair and never splits it', () => {
    expect(smsSegments('🛑')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
    // Same idea for UCS-2: the pair cannot straddle the 67-unit boundary.
    const text = `${'ê'.repeat(66)}🛑${'ê'.repeat(66)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'UCS-2', segments: 3, units: 134 });
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
