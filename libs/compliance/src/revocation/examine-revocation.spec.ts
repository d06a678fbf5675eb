import { examineRevocation } from './examine-revocation';
import { REVOCATION_CORPUS } from './testing/revocation-corpus';

describe('examineRevocation: the table', () => {
  it('has several hundred messages in all six languages and all three groups', () => {
    expect(REVOCATION_CORPUS.length).toBeGreaterThanOrEqual(350);
    for (const language of ['en', 'es', 'fr', 'de', 'pt', 'it']) {
      for (const group of ['clear', 'ambiguous', 'ordinary']) {
        expect(REVOCATION_CORPUS.filter((entry) => entry.language === language && entry.group === group).length).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it.each(REVOCATION_CORPUS.map((entry) => [entry.language, entry.group, entry.body, entry.expected] as const))(
    '%s %s: %j → %s',
    (_language, _group, body, expected) => {
      expect(examineRevocation(body)?.kind ?? null).toBe(expected);
    },
  );
});

describe('examineRevocation: rules and languages', () => {
  it.each([
    ['Please stop texting me', 'en.stop-texting', 'en'],
    ['Dejen de enviarme mensajes', 'es.stop-texting', 'es'],
    ["Ne m'envoyez plus de messages", 'fr.do-not-contact', 'fr'],
    ['Keine SMS mehr', 'de.no-more-messages', 'de'],
    ['Não me mandem mais mensagens', 'pt.do-not-contact', 'pt'],
    ['Non scrivetemi più', 'it.do-not-contact', 'it'],
    ['wrong number', 'en.wrong-number', 'en'],
  ])('%j → rule %s in %s', (body, rule, language) => {
    expect(examineRevocation(body)).toEqual(expect.objectContaining({ rule, language }));
  });

  it('finds the language of a word several languages share from the words around it', () => {
    expect(examineRevocation('Stop bitte')?.language).toBe('de');
    expect(examineRevocation('Stop, merci')?.language).toBe('fr');
    expect(examineRevocation('stop grazie')?.language).toBe('it');
    expect(examineRevocation('stop obrigado')?.language).toBe('pt');
    expect(examineRevocation('stop thanks')?.language).toBe('en');
  });

  it('names the language of the request that follows a keyword in another language', () => {
    expect(examineRevocation("STOP. Ne m'envoyez plus de messages")).toEqual({ kind: 'optOut', rule: 'fr.do-not-contact', language: 'fr' });
    expect(examineRevocation('Stop! Keine Nachrichten mehr')).toEqual(expect.objectContaining({ kind: 'optOut' }));
  });

  it('every rule id is <language>.<name>', () => {
    for (const entry of REVOCATION_CORPUS) {
      const verdict = examineRevocation(entry.body);
      if (verdict) expect(verdict.rule).toMatch(/^(en|es|fr|de|pt|it)\.[a-z]+(-[a-z]+)*$/);
    }
  });

  it('is deterministic: the same text always gives the same verdict', () => {
    for (const entry of REVOCATION_CORPUS.slice(0, 50)) {
      expect(examineRevocation(entry.body)).toEqual(examineRevocation(entry.body));
    }
  });

  it('ignores accents, case, repeated letters and shouting', () => {
    expect(examineRevocation('ARRETEZ DE M ENVOYER DES MESSAGES')?.kind).toBe('optOut');
    expect(examineRevocation('no me manden mas mensajes')?.kind).toBe('optOut');
    expect(examineRevocation('STOOOOP TEXTING MEEEE')?.kind).toBe('optOut');
  });

  it('reads a partial request as a review, not an opt-out', () => {
    expect(examineRevocation('stop the promos but keep the reminders')).toEqual(expect.objectContaining({ kind: 'review', rule: 'en.partial-request' }));
  });

  it('sends a stop sign alone and a likely typo of a keyword to review', () => {
    expect(examineRevocation('🛑')).toEqual(expect.objectContaining({ kind: 'review', rule: 'en.stop-sign' }));
    expect(examineRevocation('stpo')).toEqual(expect.objectContaining({ kind: 'review', rule: 'en.keyword-misspelt' }));
    expect(examineRevocation('top')).toBeNull();
  });

  it('answers nothing for an empty or emoji-only text', () => {
    expect(examineRevocation('')).toBeNull();
    expect(examineRevocation('   ')).toBeNull();
    expect(examineRevocation('😀👍')).toBeNull();
  });

  it('examines a long text in bounded time and still finds a request in it', () => {
    const filler = 'We had a lovely time at the shop and the flowers were great. '.repeat(40);
    expect(examineRevocation(filler)).toBeNull();
    expect(examineRevocation(`${filler.slice(0, 800)} Anyway please stop texting me.`)?.kind).toBe('optOut');
  });
});
