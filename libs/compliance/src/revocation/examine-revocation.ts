import { compileAnchorIndex } from './anchor-index';
import type { LanguageRules, NegationSpec } from './phrase-rule';
import type { RevocationText } from './revocation-text';
import { readRevocationText } from './revocation-text';
import type { RevocationLanguage, RevocationVerdict } from './revocation.types';
import { GERMAN } from './rules.de';
import { ENGLISH } from './rules.en';
import { SPANISH } from './rules.es';
import { FRENCH } from './rules.fr';
import { ITALIAN } from './rules.it';
import { PORTUGUESE } from './rules.pt';

/** English first: when a clause reads the same in two languages ("stop"), English names the rule. */
const LANGUAGES: readonly LanguageRules[] = [ENGLISH, SPANISH, FRENCH, GERMAN, PORTUGUESE, ITALIAN];

/** The languages (bit = index in LANGUAGES) whose rules a clause's words can start. */
const languagesAnchoredIn = compileAnchorIndex(LANGUAGES.map((language) => language.anchors));

/**
 * Every language's keyword-alone patterns as one: a clause none of them can match (nearly
 * every clause) is then ruled out with one test instead of two a language.
 */
const ANY_KEYWORD_ALONE = new RegExp(
  `^(?:${LANGUAGES.flatMap((language) => [language.keywordAlone, language.weakKeywordAlone])
    .map((pattern) => {
      if (pattern.flags !== '' || !pattern.source.startsWith('^') || !pattern.source.endsWith('$')) {
        throw new Error(`a keyword-alone pattern must be /^…$/ without flags: ${pattern}`);
      }
      return `(?:${pattern.source.slice(1, -1)})`;
    })
    .join('|')})$`,
);

/** What the messages are called, in the six languages, as one word. */
const MESSAGE_WORDS: ReadonlySet<string> = new Set(
  ('sms smss text texts txt txts texting messages message msg msgs notifications alerts promos ' +
    'mensajes mensaje mensajitos msj msjs textos whatsapp whatsapps notificaciones ' +
    'textos texto notification pubs pub publicites ' +
    'nachrichten nachricht werbung newsletter textnachrichten kurznachrichten ' +
    'mensagens mensagem torpedos zap whats notificacoes ' +
    'messaggi messaggio messaggini notifiche').split(' '),
);

/**
 * Being contacted or sent to, whatever the ending: "recontactez", "contactar", "kontaktieren",
 * "schickt", "escriban", "mandatemi", "texting". The net also needs a rule word beside it.
 */
const CONTACT_STEM = /^(?:re)?(?:contact|kontakt|contat|schick|schreib|envoy|ecriv|ecrir|escrib|escrev|scriv|mandar|mandem|manden|mandes|mandat|envia|envie|envien|inviat|inviar|text|txt|messag)/;

/** A clause that is only opt-out words is short ("stop stop stop", "dar de baja"). */
const KEYWORD_CLAUSE_MAX_WORDS = 8;
/** "no thanks", "non merci beaucoup", "nao obrigado". */
const POLITE_REFUSAL_MAX_CHARS = 24;

/** Words near an opt-out keyword that are ordinary on their own ("top", "shop", "pasta"). */
const NOT_TYPOS = new Set(
  'top tops shop step atop stow slop spot stoop quite quiet quiz suit quits pasta caja bajo baje maja cancer arrest arete para pare sop stay stab'.split(' '),
);

/**
 * Whether a message that matched no keyword revokes consent (`reasonable` mode). Pure and
 * deterministic: the same text always gives the same verdict, with the rule that decided.
 *
 * Per clause, each language's rules are tried in order (opt-out rules before review rules);
 * a negated stop verb ("don't stop", "no dejen de") cancels that rule for the clause. Over
 * the message, any opt-out wins — unless a clause keeps part of the messages ("but keep the
 * reminders"), which makes it a review — then any review, then the typo and stop-sign checks.
 */
export function examineRevocation(body: string): RevocationVerdict | null {
  return examine(body, true);
}

/**
 * `useShortcuts: false` runs every pattern on every clause, without the anchor and keyword
 * gates; only the spec that proves the gates never change a verdict uses it.
 */
export function examine(body: string, useShortcuts: boolean): RevocationVerdict | null {
  const text = readRevocationText(body);
  if (text.rawClauseTokens.length === 0) return null;

  let review: RevocationVerdict | null = null;
  let keywordOptOut: RevocationVerdict | null = null;
  const isWholeMessage = text.clauseTokens.length === 1;
  // Clauses a rule read and found negated: the net below leaves them alone.
  const understood = new Set<number>();
  // Each clause's anchor mask, as the gate computed it (the net reads it again).
  const masks: number[] = [];

  for (let index = 0; index < text.clauseTokens.length; index += 1) {
    const tokens = text.clauseTokens[index];
    const anchored = useShortcuts ? languagesAnchoredIn(tokens) : ~0;
    if (useShortcuts) masks[index] = anchored;
    const short = tokens.length <= KEYWORD_CLAUSE_MAX_WORDS;
    // Most clauses of a long text are neither short nor anchored: nothing can match them.
    if (!short && anchored === 0) continue;
    const clause = tokens.join(' ');
    const keywordAlone = short && (!useShortcuts || ANY_KEYWORD_ALONE.test(clause));
    for (let bit = 0; bit < LANGUAGES.length; bit += 1) {
      const language = LANGUAGES[bit];
      const found = examineClause(language, clause, isWholeMessage, text, keywordAlone, (anchored & (1 << bit)) !== 0);
      if (found === NEGATED) {
        understood.add(index);
        continue;
      }
      const verdict = found?.rule.endsWith('.keyword-alone') ? (keywordObjectVerdict(language, text, index) ?? found) : found;
      if (!verdict) continue;
      // "STOP. Ne m'envoyez plus de messages": the sentence names the rule and the language
      // better than the bare keyword before it, so a keyword clause is kept only as a fallback.
      if (verdict.kind === 'optOut' && !verdict.rule.endsWith('.keyword-alone')) return partialRequest(text) ?? verdict;
      if (verdict.kind === 'optOut') keywordOptOut ??= verdict;
      else review ??= verdict;
    }
  }
  if (keywordOptOut) return partialRequest(text) ?? keywordOptOut;
  if (review) return review;

  const refusal = politeRefusal(text);
  if (refusal) return refusal;
  return stopSignOrTypo(text) ?? aboutTheMessages(text, understood, masks);
}

/**
 * The net under the rules: a clause that names the messages ("sms", "mensajes", "Nachrichten")
 * or being contacted or sent to ("contactar", "schickt mir") beside a word some rule starts
 * from (a negation, a stop or remove verb, "list"…), that no rule matched — nor read and found
 * negated ("don't stop the promos") — is sent to review rather than let through: "nn mandatemi
 * + msg", "Ich will diese SMS echt nicht mehr". A person reads it; an ordinary text mentioning
 * a message ("I didn't get the text with the code") costs a review, never an opt-out.
 */
function aboutTheMessages(text: RevocationText, understood: ReadonlySet<number>, masks: readonly number[]): RevocationVerdict | null {
  for (const [index, tokens] of text.clauseTokens.entries()) {
    if (understood.has(index)) continue;
    // The anchors here are part of the rule (any language's), not the gate: both modes read them.
    if ((masks[index] ?? languagesAnchoredIn(tokens)) === 0) continue;
    if (!tokens.some((token) => MESSAGE_WORDS.has(token) || CONTACT_STEM.test(token))) continue;
    const language = sharedWordLanguage(text, 'en');
    return { kind: 'review', rule: `${language}.mentions-messages`, language };
  }
  return null;
}

/**
 * "Hören Sie auf, Ausreden zu erfinden": the clause after a keyword-alone clause is what the
 * keyword stops (see LanguageRules.keywordObject) — the messages, or something else.
 */
function keywordObjectVerdict(language: LanguageRules, text: RevocationText, index: number): RevocationVerdict | null {
  const next = text.clauseTokens[index + 1];
  if (!language.keywordObject || !next) return null;
  const object = next.join(' ');
  if (!language.keywordObject.clause.test(object)) return null;
  const name = language.language;
  return language.keywordObject.messaging.test(object)
    ? { kind: 'optOut', rule: `${name}.stop-texting`, language: name }
    : { kind: 'review', rule: `${name}.stop-other-object`, language: name };
}

/** "no thanks": a short message that is nothing but fillers and a no. */
function politeRefusal(text: RevocationText): RevocationVerdict | null {
  // The length of every raw word joined by spaces, measured first: most texts are longer.
  let length = -1;
  for (const tokens of text.rawClauseTokens) {
    for (const token of tokens) length += token.length + 1;
    if (length > POLITE_REFUSAL_MAX_CHARS) return null;
  }
  const raw = text.rawClauseTokens.map((tokens) => tokens.join(' ')).join(' ');
  for (const language of LANGUAGES) {
    if (language.politeRefusal.test(raw)) return { kind: 'review', rule: `${language.language}.not-interested`, language: language.language };
  }
  return null;
}

function examineClause(
  language: LanguageRules,
  clause: string,
  isWholeMessage: boolean,
  text: RevocationText,
  keywordAlone: boolean,
  anchored: boolean,
): RevocationVerdict | typeof NEGATED | null {
  const name = language.language;
  if (keywordAlone && language.keywordAlone.test(clause)) {
    return { kind: 'optOut', rule: `${sharedWordLanguage(text, name)}.keyword-alone`, language: sharedWordLanguage(text, name) };
  }
  if (keywordAlone && language.weakKeywordAlone.test(clause)) {
    const detected = sharedWordLanguage(text, name);
    return isWholeMessage
      ? { kind: 'optOut', rule: `${detected}.keyword-alone`, language: detected }
      : { kind: 'review', rule: `${detected}.keyword-in-sentence`, language: detected };
  }
  if (!anchored) return null;
  let negated = false;
  for (const candidate of language.rules) {
    const match = candidate.pattern.exec(clause);
    if (!match) continue;
    if (candidate.negatable && (isNegated(language.negation, clause, match.index) || (candidate.speakerMayBeSubject && isAboutThemselves(language, clause, match.index)))) {
      negated = true;
      continue;
    }
    return { kind: candidate.kind, rule: `${name}.${candidate.name}`, language: name };
  }
  return negated ? NEGATED : null;
}

/** A rule matched the clause but its negation ("don't stop", "I'll stop texting him") cancelled it. */
const NEGATED = Symbol('negated');

function partialRequest(text: RevocationText): RevocationVerdict | null {
  for (const clause of text.clauseTokens.map((tokens) => tokens.join(' '))) {
    for (const language of LANGUAGES) {
      if (language.partial.test(clause)) {
        return { kind: 'review', rule: `${language.language}.partial-request`, language: language.language };
      }
    }
  }
  return null;
}

/** A negator among the few words before the match, skipping words like "want", "to", "me". */
function isNegated(negation: NegationSpec, clause: string, start: number): boolean {
  if (negation.anywhere?.test(clause)) return true;
  const before = clause.slice(0, start).trim();
  if (before === '') return false;
  const tokens = before.split(' ');
  for (let i = tokens.length - 1, skipped = 0; i >= 0 && skipped <= negation.reach; i -= 1, skipped += 1) {
    if (negation.negators.has(tokens[i])) return true;
    if (!negation.gaps.has(tokens[i])) return false;
  }
  return false;
}

/** "I'll stop texting him", "we will stop sending": the speaker describes their own plan. */
function isAboutThemselves(language: LanguageRules, clause: string, start: number): boolean {
  if (!language.selfSubjects) return false;
  const tokens = clause.slice(0, start).trim().split(' ');
  for (let i = tokens.length - 1, skipped = 0; i >= 0 && skipped <= 2; i -= 1, skipped += 1) {
    if (language.selfSubjects.has(tokens[i])) return true;
    if (!MODALS.has(tokens[i])) return false;
  }
  return false;
}

const MODALS = new Set('will would can could should might must gonna going to have had just probably may also then finally really definitely'.split(' '));

/**
 * The language of a word several languages share ("stop", a stop-sign emoji): the language
 * whose frequent words the message uses most ("Stop bitte" is German), else the rule's own.
 */
function sharedWordLanguage(text: RevocationText, fallback: RevocationLanguage): RevocationLanguage {
  if (!markerLanguages.has(text)) markerLanguages.set(text, languageOfMarkers(text));
  return markerLanguages.get(text) ?? fallback;
}

/**
 * Counted once per text: a message of many keyword clauses ("stop, stop, stop, …") asks for
 * it once a clause, and counting every word each time made such a text quadratic.
 */
const markerLanguages = new WeakMap<RevocationText, RevocationLanguage | null>();

function languageOfMarkers(text: RevocationText): RevocationLanguage | null {
  let best: RevocationLanguage | null = null;
  let bestCount = 0;
  for (const language of LANGUAGES) {
    let count = 0;
    for (const word of text.words) if (language.markers.has(word)) count += 1;
    if (count > bestCount) {
      best = language.language;
      bestCount = count;
    }
  }
  return best;
}

/** A message that is only a stop sign, or one word one typo away from an opt-out word. */
function stopSignOrTypo(text: RevocationText): RevocationVerdict | null {
  if (text.hasStopSign && text.clauseTokens.length === 0) {
    const language = sharedWordLanguage(text, 'en');
    return { kind: 'review', rule: `${language}.stop-sign`, language };
  }
  // One word only: a typo of a keyword sent alone ("stpo"), never a word inside a sentence.
  if (text.clauseTokens.length !== 1 || text.clauseTokens[0].length !== 1) return null;
  const word = text.clauseTokens[0][0];
  if (word.length < 3 || word.length > 14) return null;
  if (NOT_TYPOS.has(word)) return null;
  for (const language of LANGUAGES) {
    for (const keyword of language.fuzzyKeywords) {
      const allowed = keyword.length >= 8 ? 2 : 1;
      if (Math.abs(keyword.length - word.length) <= allowed && word !== keyword && editDistance(word, keyword) <= allowed) {
        return { kind: 'review', rule: `${language.language}.keyword-misspelt`, language: language.language };
      }
    }
  }
  return null;
}

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two letters costs one. */
function editDistance(a: string, b: string): number {
  let twoBack = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], twoBack[j - 2] + 1);
    }
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[b.length];
}
