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
    step('1. applies NFKC: full-width letters and ligatures', { keys: [['ＨＥＬＰ', 'help'], ['ﬁn', 'fin'], ['Ⅻ', 'xii']] });
    step('2. drops format and control characters (zero-width space, joiners, BOM, soft hyphen)', { keys: [['S\u200bT\u200cO\u200dP\ufeff', 'stop'], ['\u00adSTOP\u0000', 'stop']] });
    step('3. lower-cases, folding final sigma and sharp s so any case change still matches', { sameKey: [['ΣΤΟΠ', 'στοπ'], ['ΑΣ', 'ασ'], ['SCHLUSS', 'schluß']], keys: [['İPTAL', 'iptal']] });
    step('4. removes marks from Latin letters, whether precomposed or decomposed', { keys: [['Désabonner', 'desabonner'], ['ARRE\u0302T', 'arret'], ['ÇA', 'ca']] });
    step('4. keeps the marks of other scripts, which there make a different letter or word', {
      keys: [['ЙОД', 'йод'], ['रुको', 'रुको'], ['بَ', 'بَ']],
      otherKey: [['йод', 'иод'], ['रुको', 'रक'], ['ΣΤΆΣΟΥ', 'ΣΤΑΣΟΥ']],
    });
    step('5. removes everything that is not a letter or a digit, marks sitting on them included', { keys: [['¡¿ STOP?! 👍🏽 ❤️ 🇺🇸', 'stop'], ['1️⃣', '1'], [' \u0301STOP', 'stop']] });
    step('keeps letters and digits of every script', { keys: [['停止', '停止'], ['СТОП', 'стоп'], ['قف!', 'قف'], ['٣', '٣']] });
    step('returns an empty key for a text without letters or digits', { keys: [['', ''], [' ?! 🛑 ', '']] });
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

/**
 * One step of matchKey, a case for each example: `keys` pairs texts with their keys, `sameKey`
 * texts with others of the same key, `otherKey` texts with others of a different key.
 */
function step(title: string, examples: { keys?: Array<[text: string, key: string]>; sameKey?: Array<[text: string, other: string]>; otherKey?: Array<[text: string, other: string]> }): void {
  describe(title, () => {
    for (const [text, key] of examples.keys ?? []) {
      it(`${JSON.stringify(text)} has the key ${JSON.stringify(key)}`, () => expect(matchKey(text)).toBe(key));
    }
    for (const [text, other] of examples.sameKey ?? []) {
      it(`${JSON.stringify(text)} has the key of ${JSON.stringify(other)}`, () => expect(matchKey(text)).toBe(matchKey(other)));
    }
    for (const [text, other] of examples.otherKey ?? []) {
      it(`${JSON.stringify(text)} has another key than ${JSON.stringify(other)}`, () => expect(matchKey(text)).not.toBe(matchKey(other)));
    }
  });
}
