import type { AnchorSet } from './phrase-rule';

/** a–z, then 0–9: the letters a normalised word is made of. */
const LETTERS = 36;

function letterOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return -1;
}

/**
 * Every language's anchor words in one trie of letters, kept as a transition table. Walking
 * a word through it collects the bit mask (bit = the language's index in `languages`) of the
 * languages whose rules the word can start: from the word beginnings (`stop*`) passed on the
 * way, and the whole words at its end. A clause is gated in one pass over its letters, without
 * cutting its words into prefixes or hashing them.
 */
export function compileAnchorIndex(languages: readonly AnchorSet[]): (tokens: readonly string[]) => number {
  const entries: Array<{ word: string; bit: number; prefix: boolean }> = [];
  languages.forEach((anchors, bit) => {
    for (const word of anchors.exact) entries.push({ word, bit, prefix: false });
    for (const word of anchors.prefixes) entries.push({ word, bit, prefix: true });
  });
  const capacity = entries.reduce((sum, { word }) => sum + word.length, 1);
  // Row `state * LETTERS + letter` holds the next state; 0 (the root) means no anchor goes on.
  const next = new Int32Array(capacity * LETTERS);
  const prefixMask = new Int32Array(capacity);
  const exactMask = new Int32Array(capacity);
  let states = 1;
  for (const { word, bit, prefix } of entries) {
    let state = 0;
    for (let i = 0; i < word.length; i += 1) {
      const letter = letterOf(word.charCodeAt(i));
      if (letter < 0) throw new Error(`an anchor is lower-case letters and digits only: ${word}`);
      const row = state * LETTERS + letter;
      if (next[row] === 0) next[row] = states++;
      state = next[row];
    }
    if (prefix) prefixMask[state] |= 1 << bit;
    else exactMask[state] |= 1 << bit;
  }

  return (tokens) => {
    let mask = 0;
    for (const token of tokens) {
      let state = 0;
      let i = 0;
      for (; i < token.length; i += 1) {
        const letter = letterOf(token.charCodeAt(i));
        state = letter < 0 ? 0 : next[state * LETTERS + letter];
        if (state === 0) break;
        mask |= prefixMask[state];
      }
      if (i === token.length) mask |= exactMask[state];
    }
    return mask;
  };
}
