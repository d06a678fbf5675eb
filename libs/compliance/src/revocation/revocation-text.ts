/**
 * The shape every phrase rule reads: a message cut into clauses, each clause lower case,
 * without accents, punctuation or emoji, letters repeated three times or more squeezed to
 * one ("stooop" → "stop"), and without the politeness, greetings and swearing that never
 * change what a request means ("please", "por favor", "merci", "bitte", "grazie",
 * "obrigado", "fucking"…). Rules then match whole words in one clause.
 */
export interface RevocationText {
  /** Clauses with the filler words removed; empty clauses are dropped. */
  readonly clauses: readonly string[];
  /** The words of each clause in `clauses`. */
  readonly clauseTokens: readonly (readonly string[])[];
  /** The same clauses before filler removal (for "no thanks", which is nothing but fillers). */
  readonly rawClauses: readonly string[];
  /** Every word of the message, fillers included (for language detection). */
  readonly words: readonly string[];
  /** The message had a stop-sign emoji (🛑 ⛔ 🚫), kept as the word `stopsign`. */
  readonly hasStopSign: boolean;
}

/** Long texts are examined up to this many characters (ten SMS segments). */
export const REVOCATION_MAX_CHARS = 1600;

const STOP_SIGNS = /\u{1F6D1}|\u26D4|\u{1F6AB}/gu;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e\t\n\r]*$/;
/** Ends a clause: sentence punctuation, brackets, quotes, line breaks. */
const CLAUSE_BREAKS = new Set([...'.!?;:,\n\r\u00A1\u00BF()[]{}"\u00AB\u00BB\u2026|/\u201C\u201D']);
const DASHES = new Set(['-', '\u2013', '\u2014']);
const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '`', '\u00B4', '\u02BC']);
/** What may follow an apostrophe in an English contraction (don't, I'll, you're, I've, I'd, I'm). */
const CONTRACTION = /^(?:t|s|ll|re|ve|d|m)(?![a-z])/;

/**
 * Politeness, greetings, interjections and swearing in the six languages. Removed as whole
 * words (or word sequences) from every clause, longest first so "thank you" goes before
 * "thank".
 */
const FILLERS: readonly string[] = [
  // politeness
  'please', 'pls', 'plz', 'plse', 'pleas', 'pleeze', 'kindly', 'thanks', 'thank you', 'thankyou', 'thank u', 'thanx',
  'thx', 'thnx', 'tnx', 'ty', 'tysm', 'cheers', 'thanks a lot', 'thanks so much', 'thank you so much', 'many thanks',
  'much appreciated', 'appreciate it', 'i appreciate it',
  'por favor', 'porfavor', 'porfa', 'porfis', 'xfa', 'gracias', 'muchas gracias', 'mil gracias',
  's il vous plait', 's il te plait', 'svp', 'merci', 'merci beaucoup', 'merci bien',
  'bitte', 'bitte schon', 'bitteschon', 'danke', 'danke schon', 'dankeschon', 'vielen dank', 'danke sehr',
  'obrigado', 'obrigada', 'brigado', 'obg', 'pfv', 'pfvr', 'valeu', 'muito obrigado', 'muito obrigada',
  'grazie', 'grazie mille', 'per favore', 'perfavore', 'per piacere', 'cortesemente', 'gentilmente',
  // greetings and interjections
  'hi', 'hello', 'hey', 'hiya', 'yo', 'ok', 'okay', 'k', 'kk', 'dear sir', 'sir', 'madam', 'guys', 'folks', 'mate',
  'good morning', 'good afternoon', 'good evening', 'seriously', 'omg', 'ugh', 'argh', 'lol', 'now', 'right now',
  'asap', 'immediately', 'already', 'hola', 'buenas', 'buenos dias', 'buenas tardes', 'bonjour', 'bonsoir', 'salut',
  'hallo', 'guten tag', 'moin', 'ola', 'oi', 'bom dia', 'boa tarde', 'boa noite', 'ciao', 'salve', 'buongiorno',
  'buonasera', 'ahora', 'ya mismo', 'maintenant', 'tout de suite', 'sofort', 'jetzt', 'endlich', 'agora', 'ja', 'subito',
  // swearing (shouting and profanity never change what the request is)
  'fuck', 'fucking', 'fuckin', 'freaking', 'frigging', 'friggin', 'effing', 'damn', 'damned', 'goddamn', 'goddamned',
  'bloody', 'the hell', 'hell', 'shit', 'shitty', 'crap', 'crappy', 'wtf', 'ffs', 'stupid', 'dumb', 'annoying',
  'joder', 'mierda', 'carajo', 'puta', 'puto', 'pinche', 'pinches', 'maldita', 'maldito', 'malditos', 'malditas',
  'putain', 'merde', 'bordel', 'bon sang', 'verdammt', 'verdammte', 'verdammten', 'scheiss', 'scheisse', 'mist',
  'stopsign', // the stop-sign emoji: read by itself in examineRevocation
  'porra', 'caralho', 'droga', 'cazzo', 'cavolo', 'vaffanculo', 'dannazione', 'dannati', 'dannate',
];

const SINGLE_FILLERS: ReadonlySet<string> = new Set(FILLERS.filter((filler) => !filler.includes(' ')));
/** Multi-word fillers by their first word, longest first. */
const PHRASE_FILLERS: ReadonlyMap<string, readonly string[][]> = (() => {
  const byFirst = new Map<string, string[][]>();
  for (const filler of FILLERS.filter((item) => item.includes(' '))) {
    const parts = filler.split(' ');
    const list = byFirst.get(parts[0]) ?? [];
    list.push(parts);
    byFirst.set(parts[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return byFirst;
})();

export function readRevocationText(body: string): RevocationText {
  let text = body.length > REVOCATION_MAX_CHARS ? body.slice(0, REVOCATION_MAX_CHARS) : body;
  const hasStopSign = text.includes('\u{1F6D1}') || text.includes('\u26D4') || text.includes('\u{1F6AB}');
  if (hasStopSign) text = text.replace(STOP_SIGNS, ' stopsign ');
  // Most texts are ASCII: then lower-casing is all the normalisation they need.
  text = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');

  const clauses: string[] = [];
  const clauseTokens: string[][] = [];
  const rawClauses: string[] = [];
  const words: string[] = [];
  let tokens: string[] = [];
  let token = '';
  let squeeze = false;
  let censored = false;

  const endToken = () => {
    if (token !== '' && !censored) {
      const word = squeeze ? token.replace(/([a-z])\1{2,}/g, '$1') : token;
      tokens.push(word);
      words.push(word);
    }
    token = '';
    squeeze = false;
    censored = false;
  };
  const endClause = () => {
    endToken();
    if (tokens.length > 0) {
      const kept = withoutFillers(tokens);
      rawClauses.push(tokens.join(' '));
      if (kept.length > 0) {
        clauses.push(kept.join(' '));
        clauseTokens.push(kept);
      }
    }
    tokens = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (!squeeze && token.length >= 2 && token[token.length - 1] === char && token[token.length - 2] === char) squeeze = true;
      token += char;
    } else if (char === ' ' || char === '\t') {
      endToken();
    } else if (APOSTROPHES.has(char) && token !== '' && CONTRACTION.test(text.slice(i + 1, i + 4))) {
      // don't → dont, I'll → ill: the word stays whole, as people type it without the apostrophe
    } else if (CLAUSE_BREAKS.has(char)) {
      endClause();
    } else if (DASHES.has(char) && text[i - 1] === ' ' && text[i + 1] === ' ') {
      endClause();
    } else if (char === '&') {
      endToken();
      tokens.push('and');
    } else if (char === '*') {
      // a word censored with asterisks ("f*cking") is swearing: drop the whole word
      censored = true;
      token = token === '' ? '*' : token;
    } else {
      endToken();
    }
  }
  endClause();
  return { clauses, clauseTokens, rawClauses, words, hasStopSign };
}

function withoutFillers(tokens: readonly string[]): string[] {
  const kept: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const phrases = PHRASE_FILLERS.get(tokens[i]);
    const phrase = phrases?.find((parts) => parts.every((part, k) => tokens[i + k] === part));
    if (phrase) {
      i += phrase.length;
    } else if (SINGLE_FILLERS.has(tokens[i])) {
      i += 1;
    } else {
      // "e mail" and "e-mail" are the word email
      if (tokens[i] === 'e' && tokens[i + 1] === 'mail') {
        kept.push('email');
        i += 2;
        continue;
      }
      kept.push(tokens[i]);
      i += 1;
    }
  }
  return kept;
}
