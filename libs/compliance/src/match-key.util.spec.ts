import fc from 'fast-check';
import { matchKey, matchKeyLength } from './match-key.util';
import { NOISE, disguisedKeyword, keywordUnits } from './testing/compliance.arbitraries';

describe('matchKey', () => {
  describe('the examples of the spec', () => {
    it.each(['Stop.', ' STOP ', 'S-T-O-P', 'ＳＴＯＰ', 'stop 🛑'])('%j matches STOP', (text) => {
      expect(matchKey(text)).toBe(matchKey('STOP'));
    });

    it('matches "Stop all" to STOPALL and "opt-out" to OPTOUT', () => {
      expect(matchKey('Stop all')).toBe(matchKey('STOPALL'));
      expect(matchKey('opt-out')).toBe(matchKey('OPTOUT'));
    });

    it.each(['Stop please', "don't stop", 'STOP2'])('%j does not match STOP', (text) => {
      expect(matchKey(text)).not.toBe(matchKey('STOP'));
    });

    it('removes Latin diacritics: ARRÊT is arret', () => {
      expect(matchKey('ARRÊT')).toBe('arret');
    });
  });

  describe('step by step', () => {
    it('1. applies NFKC: full-width letters and ligatures', () => {
      expect(matchKey('ＨＥＬＰ')).toBe('help');
      expect(matchKey('ﬁn')).toBe('fin');
      expect(matchKey('Ⅻ')).toBe('xii');
    });

    it('2. drops format and control characters (zero-width space, joiners, BOM, soft hyphen)', () => {
      expect(matchKey('S\u200bT\u200cO\u200dP\ufeff')).toBe('stop');
      expect(matchKey('\u00adSTOP\u0000')).toBe('stop');
    });

    it('3. lower-cases, folding final sigma and sharp s so any case change still matches', () => {
      expect(matchKey('ΣΤΟΠ')).toBe(matchKey('στοπ'));
      expect(matchKey('ΑΣ')).toBe(matchKey('ασ'));
      expect(matchKey('SCHLUSS')).toBe(matchKey('schluß'));
      expect(matchKey('İPTAL')).toBe('iptal');
    });

    it('4. removes marks from Latin letters, whether precomposed or decomposed', () => {
      expect(matchKey('Désabonner')).toBe('desabonner');
      expect(matchKey('ARRE\u0302T')).toBe('arret');
      expect(matchKey('ÇA')).toBe('ca');
    });

    it('4. keeps the marks of other scripts, which there make a different letter or word', () => {
      expect(matchKey('ЙОД')).toBe('йод');
      expect(matchKey('йод')).not.toBe(matchKey('иод'));
      expect(matchKey('रुको')).toBe('रुको');
      expect(matchKey('रुको')).not.toBe(matchKey('रक'));
      expect(matchKey('بَ')).toBe('بَ');
      expect(matchKey('ΣΤΆΣΟΥ')).not.toBe(matchKey('ΣΤΑΣΟΥ'));
    });

    it('5. removes everything that is not a letter or a digit, marks sitting on them included', () => {
      expect(matchKey('¡¿ STOP?! 👍🏽 ❤️ 🇺🇸')).toBe('stop');
      expect(matchKey('1️⃣')).toBe('1');
      expect(matchKey(' \u0301STOP')).toBe('stop');
    });

    it('keeps letters and digits of every script', () => {
      expect(matchKey('停止')).toBe('停止');
      expect(matchKey('СТОП')).toBe('стоп');
      expect(matchKey('قف!')).toBe('قف');
      expect(matchKey('٣')).toBe('٣');
    });

    it('returns an empty key for a text without letters or digits', () => {
      expect(matchKey('')).toBe('');
      expect(matchKey(' ?! 🛑 ')).toBe('');
    });
  });

  describe('matchKeyLength', () => {
    it('counts letters and digits, not the marks on them', () => {
      expect(matchKeyLength('stop')).toBe(4);
      expect(matchKeyLength(matchKey('रुको'))).toBe(2);
    });
  });

  describe('properties', () => {
    it('is idempotent on any text', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
          const key = matchKey(text);
          expect(matchKey(key)).toBe(key);
        }),
        { numRuns: 2000 },
      );
    });

    it('gives plain ASCII the same key as the full Unicode path', () => {
      // A trailing no-break space forces the Unicode path and is itself removed.
      fc.assert(
        fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
          expect(matchKey(text)).toBe(matchKey(`${text}\u00a0`));
        }),
        { numRuns: 1000 },
      );
    });

    it('gives every noise character an empty key', () => {
      for (const noise of NOISE) expect([noise, matchKey(noise)]).toEqual([noise, '']);
    });

    it('matches a keyword wrapped in whitespace, punctuation, emoji or a change of case', () => {
      fc.assert(
        fc.property(
          keywordUnits.chain((units) => fc.tuple(fc.constant(units.join('')), disguisedKeyword(units))),
          ([keyword, typed]) => {
            expect(matchKey(typed)).toBe(matchKey(keyword));
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('never yields anything but letters, digits and marks', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          expect(matchKey(text)).toMatch(/^[\p{L}\p{N}\p{M}]*$/u);
        }),
      );
    });
  });
});
