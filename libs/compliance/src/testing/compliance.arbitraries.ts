import fc from 'fast-check';
import type { ComplianceProfileInput, KindSettings, ProfileOverride } from '../compliance-profile.types';
import type { KeywordKind } from '../keyword-kind';
import { KEYWORD_KINDS } from '../keyword-kind';
import { matchKey } from '../match-key.util';
import { scopeOf, scopeSpecificity } from '../override-resolver';

/**
 * Generators for the property-based specs. Keywords are built from "units" (one grapheme
 * each: a letter with its marks) so that noise can be inserted between units without
 * separating a mark from its letter, which no real keyboard does either.
 */

// Dotless ı is left out on purpose: its upper case is the ASCII I (see docs/compliance.md).
const LATIN = 'abcdefghijklmnopqrstuvwxyzéèêëàâäáãåçñöôóòõøœüûùúÿłßĳ'.split('');
const DIGITS = '0123456789٣४'.split('');
const OTHER_SCRIPTS = [
  ...'αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐᾳ',
  ...'абвгдежзийклмнопрстуфхцчшщъыьэюяё',
  ...'אבגדהוזחטיכלמנסעפצקרשת',
  ...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
  'بَ',
  'كُ',
  ...'कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह',
  'कि',
  'रु',
  'क्',
  'को',
  ...'กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮ',
  'ยุ',
  ...'停止开始帮助退订',
  ...'ストップヘルプ',
  ...'정지도움',
];

/** One grapheme of a keyword. */
export const keywordUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 1, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_SCRIPTS) },
);

/** A valid keyword as units; `raw` is how an admin would write it. */
export const keywordUnits: fc.Arbitrary<string[]> = fc.array(keywordUnit, { minLength: 1, maxLength: 10 });

/**
 * Characters whose match key is empty and that never combine with a neighbour:
 * whitespace, punctuation, symbols, emoji, zero-width and control characters.
 */
export const NOISE = [
  ' ', '\t', '\n', '\r', '\u00a0', '\u2002', '\u2003', '\u2009', '\u3000',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u0007',
  '.', ',', '!', '?', '-', '_', "'", '"', '(', ')', '[', ']', '*', '#', '@', '&', '/', '\\', ':', ';',
  '…', '–', '—', '¡', '¿', '«', '»', '“', '”', '‘', '’', '。', '、', '！', '؟', '،', '।',
  '🛑', '✋', '👍🏽', '❤️', '🙏', '🇺🇸', '👨‍👩‍👧', '😀', '✅', '⛔',
];

export const noise: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...NOISE), { maxLength: 3 })
  .map((chars) => chars.join(''));

type CaseChange = 'keep' | 'upper' | 'lower' | 'fullwidth';

function changeCase(unit: string, change: CaseChange): string {
  switch (change) {
    case 'upper':
      return unit.toUpperCase();
    case 'lower':
      return unit.toLowerCase();
    case 'fullwidth':
      // ASCII letters and digits have full-width forms that NFKC folds back.
      return unit.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    default:
      return unit;
  }
}

/** A keyword as the subscriber might type it: noise around and between letters, any case. */
export function disguisedKeyword(units: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(noise, { minLength: units.length + 1, maxLength: units.length + 1 }),
      fc.array(fc.constantFrom<CaseChange>('keep', 'upper', 'lower', 'fullwidth'), {
        minLength: units.length,
        maxLength: units.length,
      }),
    )
    .map(([gaps, changes]) => units.map((unit, i) => gaps[i] + changeCase(unit, changes[i])).join('') + gaps[units.length]);
}

/** Keyword pools partitioned by kind, so generated profiles never mix kinds by accident. */
export const KEYWORD_POOLS: Record<KeywordKind, readonly string[]> = {
  optOut: ['STOP', 'QUIT', 'END', 'CANCEL', 'ARRET', 'ARRÊTE', 'BAJA', 'PARAR', 'HALT', 'STOPP', 'СТОП', 'रुको', 'OPT OUT'],
  optIn: ['START', 'YES', 'UNSTOP', 'OUI', 'ALTA', 'SI', 'GO', 'ДА', 'RESUME'],
  help: ['HELP', 'INFO', 'AIDE', 'AYUDA', 'HILFE', 'ПОМОЩЬ', 'AJUDA'],
};

export const TEST_COUNTRIES = ['US', 'CA', 'GB', 'FR', 'ES'] as const;
export const TEST_LANGUAGES = ['en', 'fr', 'es', 'pt'] as const;

const message = fc.constantFrom('Reply A.', 'Réponse B.', 'Respuesta C.', 'Resposta D.', 'Reply E 🙂');

function kindSettings(kind: KeywordKind): fc.Arbitrary<KindSettings> {
  return fc.record(
    {
      keywords: fc.subarray([...KEYWORD_POOLS[kind]]),
      message,
    },
    { requiredKeys: [] },
  );
}

const selector: fc.Arbitrary<{ country?: string; language?: string }> = fc.oneof(
  fc.record({ country: fc.constantFrom(...TEST_COUNTRIES) }),
  fc.record({ language: fc.constantFrom(...TEST_LANGUAGES) }),
  fc.record({ country: fc.constantFrom(...TEST_COUNTRIES), language: fc.constantFrom(...TEST_LANGUAGES) }),
);

const override: fc.Arbitrary<ProfileOverride> = fc
  .tuple(selector, fc.record({ optOut: kindSettings('optOut'), optIn: kindSettings('optIn'), help: kindSettings('help') }, { requiredKeys: [] }))
  .map(([scope, kinds]) => ({ ...scope, ...kinds }));

/**
 * A profile that satisfies every rule: kinds drawn from disjoint pools, distinct selectors,
 * and a keyword dropped from a later override when an override of the same specificity that
 * can apply to the same messages already lists it.
 */
export const validProfileInput: fc.Arbitrary<ComplianceProfileInput> = fc
  .record(
    {
      optOut: kindSettings('optOut'),
      optIn: kindSettings('optIn'),
      help: kindSettings('help'),
      overrides: fc.uniqueArray(override, {
        maxLength: 6,
        selector: (o) => `${o.country ?? ''}|${o.language ?? ''}`,
      }),
    },
    { requiredKeys: [] },
  )
  .map((profile) => {
    if (!profile.overrides) return profile;
    const taken = new Set<string>();
    const overrides = profile.overrides.map((o) => {
      const scope = scopeOf(o);
      const slot = `${scopeSpecificity(scope)}|${scope.country ?? ''}`;
      const copy: ProfileOverride = { ...o };
      for (const kind of KEYWORD_KINDS) {
        const settings = o[kind];
        if (!settings?.keywords) continue;
        const keywords = settings.keywords.filter((keyword) => {
          const id = `${slot}|${matchKey(keyword)}`;
          if (taken.has(id)) return false;
          taken.add(id);
          return true;
        });
        copy[kind] = { ...settings, keywords };
      }
      return copy;
    });
    return { ...profile, overrides };
  });
