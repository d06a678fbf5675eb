/**
 * The match key of a text (compliance spec, "Matching"). A message matches a keyword when
 * their match keys are equal, so this one function decides whether an opt-out is honoured:
 *
 *   1. Unicode NFKC (full-width letters become ASCII, ligatures split).
 *   2. Drop format and control characters (zero-width space, joiners, BOM, ...).
 *   3. Lower case (with the case folds lower-casing alone misses, see `foldCase`).
 *   4. Remove diacritics from Latin-script letters (ARRÊT -> arret); marks of other
 *      scripts are kept, because there they usually make a different letter or word.
 *   5. Remove every character that is not a letter or a digit.
 */
export function matchKey(text: string): string {
  // Most SMS are plain ASCII: NFKC, case folding and mark stripping are all identities
  // there, so skip the Unicode machinery (match-key.util.spec.ts checks both paths agree).
  if (PRINTABLE_ASCII.test(text)) {
    return text.toLowerCase().replace(NOT_ASCII_ALNUM, '');
  }
  const compatible = text.normalize('NFKC');
  const visible = compatible.replace(FORMAT_OR_CONTROL, '');
  return keepLettersAndDigits(foldCase(visible)).normalize('NFC');
}

/** Number of letters and digits in a match key; combining marks ride on their letter. */
export function matchKeyLength(key: string): number {
  let count = 0;
  for (const char of key) {
    if (LETTER_OR_DIGIT.test(char)) count += 1;
  }
  return count;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_ASCII_ALNUM = /[^a-z0-9]/g;
const FORMAT_OR_CONTROL = /[\p{Cf}\p{Cc}]/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;
const LATIN = /^\p{Script=Latin}$/u;
// Characters shared by all scripts (ASCII digits among them): their marks are decoration.
const COMMON = /^\p{Script=Common}$/u;

/**
 * Lower case as Unicode caseless matching intends it, returned in NFD for step 4.
 * `toLowerCase` alone would make "ΣΤΟΠ" and "στοπ" depend on where the sigma sits (final ς
 * vs σ) and would never make "SCHLUSS" equal "schluß"; the full case folds of those letters
 * close the gap, so that any change of case of a keyword still matches.
 */
function foldCase(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/ς/g, 'σ')
    .replace(/ß/g, 'ss')
    // Greek iota subscript (ᾳ = α + U+0345): upper-casing turns it into a capital iota (ΑΙ).
    .replace(/\u0345/g, 'ι');
}

/**
 * Steps 4 and 5 on NFD text, in one pass. A combining mark belongs to the character before
 * it: it is dropped when that base is a Latin letter (a diacritic), dropped together with
 * its base when the base itself is dropped (a mark on a space or an emoji), and dropped from
 * script-neutral digits (the keycap of 1️⃣). It survives only on a letter or digit of another
 * script (Devanagari vowel signs, Arabic harakat, Cyrillic й once recomposed).
 */
function keepLettersAndDigits(decomposed: string): string {
  let out = '';
  let baseKeepsMarks = false;
  for (const char of decomposed) {
    if (MARK.test(char)) {
      if (baseKeepsMarks) out += char;
      continue;
    }
    if (LETTER_OR_DIGIT.test(char)) {
      out += char;
      baseKeepsMarks = !LATIN.test(char) && !COMMON.test(char);
    } else {
      baseKeepsMarks = false;
    }
  }
  return out;
}
