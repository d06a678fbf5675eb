/**
 * The shape every phrase rule reads: a message cut into clauses, each clause lower case,
 * without accents, punctuation or emoji, letters repeated three times or more squeezed to
 * one ("stooop" → "stop"), and without the politeness, greetings and swearing that never
 * change what a request means ("please", "por favor", "merci", "bitte", "grazie",
 * "obrigado", "fucking"…). Rules then match whole words in one clause.
 */
export interface RevocationText {
  /**
   * The words of each clause, without the filler words; clauses left empty are dropped. A
   * clause's text is its words joined by single spaces: the examiner joins only the clauses a
   * rule can look at, as most clauses of a long text are never read as a whole.
   */
  readonly clauseTokens: readonly (readonly string[])[];
  /** The words of each clause before filler removal (for "no thanks", which is nothing but fillers). */
  readonly rawClauseTokens: readonly (readonly string[])[];
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
  'grazie', 'grazie mille', 'per favore', 'perfavore', 'per piacere', 'cortesemente', 'gentilmente', 'x favore', 'xfavore', 'x fav', 'x favor', 'x fa',
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

/**
 * German typed without umlauts spells them ae, oe, ue ("aufhoeren", "loeschen", "fuer"). The
 * accents are already stripped (ö → o), so these words are respelled the same way; only words
 * the rules read, since "ue" and "oe" are ordinary letters elsewhere ("neue", "poesie").
 */
const UMLAUT_WORDS: ReadonlySet<string> = new Set(
  ('hor hort horts horen horst aufhoren aufzuhoren aufgehort gehort loschen losche loscht geloscht mochte mochten mocht fur uber ' +
    'zuruck belastigen belastigt belastigung kundigen kundige kundigung empfanger konnt konnen konnten musst mussen lasst ' +
    'wunsche betruger einverstandniserklarung nachste schon verargert ungewunscht unerwunscht wurde wurden').split(' '),
);
const UMLAUT_DIGRAPHS = /ae|oe|ue/g;
const UMLAUT_VOWEL: Readonly<Record<string, string>> = { ae: 'a', oe: 'o', ue: 'u' };

function respellUmlauts(word: string): string {
  if (!hasUmlautDigraph(word)) return word;
  const respelled = word.replace(UMLAUT_DIGRAPHS, (digraph) => UMLAUT_VOWEL[digraph]);
  return respelled !== word && UMLAUT_WORDS.has(respelled) ? respelled : word;
}

/** Most words have none: a scan of their letters, without building a string. */
function hasUmlautDigraph(word: string): boolean {
  for (let i = word.indexOf('e', 1); i > 0; i = word.indexOf('e', i + 1)) {
    const before = word.charCodeAt(i - 1);
    if (before === 97 || before === 111 || before === 117) return true;
  }
  return false;
}

/**
 * Each filler's first word → how it is removed: alone (`single`), and the multi-word fillers
 * it begins, longest first. One lookup a word, as most words are no filler at all.
 */
interface FillerEntry {
  readonly single: boolean;
  readonly phrases: readonly (readonly string[])[];
}
const FILLER_ENTRIES: ReadonlyMap<string, FillerEntry> = (() => {
  const entries = new Map<string, { single: boolean; phrases: string[][] }>();
  const entryOf = (word: string) => entries.get(word) ?? entries.set(word, { single: false, phrases: [] }).get(word)!;
  for (const filler of FILLERS) {
    const parts = filler.split(' ');
    if (parts.length === 1) entryOf(filler).single = true;
    else entryOf(parts[0]).phrases.push(parts);
  }
  for (const entry of entries.values()) entry.phrases.sort((a, b) => b.length - a.length);
  return entries;
})();

export function readRevocationText(body: string): RevocationText {
  let text = body.length > REVOCATION_MAX_CHARS ? body.slice(0, REVOCATION_MAX_CHARS) : body;
  const hasStopSign = text.includes('\u{1F6D1}') || text.includes('\u26D4') || text.includes('\u{1F6AB}');
  if (hasStopSign) text = text.replace(STOP_SIGNS, ' stopsign ');
  // Most texts are ASCII: then lower-casing is all the normalisation they need.
  text = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');

  const clauseTokens: string[][] = [];
  const rawClauseTokens: string[][] = [];
  const words: string[] = [];
  let tokens: string[] = [];
  // The word being read is `head` (its pieces before a skipped apostrophe or asterisk) and the
  // run of letters from `pieceStart`: cut out of the text once, not built a letter at a time.
  let head = '';
  let pieceStart = -1;
  let previous = -1;
  let beforePrevious = -1;
  let squeeze = false;
  let censored = false;

  const closePiece = (end: number) => {
    if (pieceStart >= 0) head += text.slice(pieceStart, end);
    pieceStart = -1;
  };
  const endToken = (end: number) => {
    closePiece(end);
    if (head !== '' && !censored) {
      const word = respellUmlauts(squeeze ? head.replace(/([a-z])\1{2,}/g, '$1') : head);
      tokens.push(word);
      words.push(word);
    }
    head = '';
    previous = beforePrevious = -1;
    squeeze = false;
    censored = false;
  };
  const endClause = (end: number) => {
    endToken(end);
    if (tokens.length > 0) {
      rawClauseTokens.push(tokens);
      const kept = withoutFillers(tokens);
      if (kept.length > 0) clauseTokens.push(kept);
    }
    tokens = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (code === previous && code === beforePrevious) squeeze = true;
      beforePrevious = previous;
      previous = code;
      if (pieceStart < 0) pieceStart = i;
      continue;
    }
    const char = text[i];
    const inWord = censored || head !== '' || pieceStart >= 0;
    if (char === ' ' || char === '\t') {
      endToken(i);
    } else if (APOSTROPHES.has(char) && inWord && CONTRACTION.test(text.slice(i + 1, i + 4))) {
      // don't → dont, I'll → ill: the word stays whole, as people type it without the apostrophe
      closePiece(i);
    } else if (CLAUSE_BREAKS.has(char)) {
      endClause(i);
    } else if (DASHES.has(char) && text[i - 1] === ' ' && text[i + 1] === ' ') {
      endClause(i);
    } else if (char === '&') {
      endToken(i);
      tokens.push('and');
    } else if (char === '*') {
      // a word censored with asterisks ("f*cking") is swearing: drop the whole word
      closePiece(i);
      censored = true;
    } else {
      endToken(i);
    }
  }
  endClause(text.length);
  return { clauseTokens, rawClauseTokens, words, hasStopSign };
}

/** The clause without its fillers: the same array when it has none (most clauses). */
function withoutFillers(tokens: string[]): string[] {
  let kept: string[] | null = null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const entry = FILLER_ENTRIES.get(token);
    // "e mail" and "e-mail" are the word email
    const email = entry === undefined && token === 'e' && tokens[i + 1] === 'mail';
    if (entry === undefined && !email) {
      kept?.push(token);
      i += 1;
      continue;
    }
    kept ??= tokens.slice(0, i);
    const phrase = entry?.phrases.find((parts) => parts.every((part, k) => tokens[i + k] === part));
    if (phrase) {
      i += phrase.length;
    } else if (entry?.single) {
      i += 1;
    } else if (email) {
      kept.push('email');
      i += 2;
    } else {
      kept.push(token);
      i += 1;
    }
  }
  return kept ?? tokens;
}
