import fc from 'fast-check';
import { examineRevocation } from './examine-revocation';
import { REVOCATION_CORPUS } from './testing/revocation-corpus';

const POLITE_BEFORE = ['', 'Please ', 'please, ', 'Pls ', 'Hi, ', 'Hello! ', 'Ok ', 'Hey ', 'Thanks. ', 'Por favor, ', 'Bitte ', "S'il vous plaît, ", 'Per favore ', 'Olá, ', 'Hola, ', 'Ciao, '];
const POLITE_AFTER = ['', '.', '!', '!!!', '?', '...', ' please', ' pls', ', thanks', '. Thank you!', ' thx', ' 🙏', ' :)', ' 😡', ' por favor', ', gracias', ' merci', ' svp', ' bitte', ', danke', ' obrigado', ' grazie', ' per favore', ' !!'];

const clearRequests = REVOCATION_CORPUS.filter((entry) => entry.group === 'clear' && entry.expected === 'optOut').map((entry) => entry.body);

/** Clear requests built on a stop verb, each with its negation in the same language. */
const NEGATABLE: ReadonlyArray<readonly [request: string, negated: string]> = [
  ['stop texting me', "don't stop texting me"],
  ['Stop sending me messages', 'Do not stop sending me messages'],
  ['please stop the messages', "please don't stop the messages"],
  ['I want to unsubscribe', "I don't want to unsubscribe"],
  ['I want to opt out', 'I do not want to opt out'],
  ['stop receiving these texts', 'never stop receiving these texts'],
  ['dejen de enviarme mensajes', 'no dejen de enviarme mensajes'],
  ['paren de escribirme', 'no paren de escribirme'],
  ['quiero darme de baja', 'no quiero darme de baja'],
  ["arrêtez de m'envoyer des messages", "n'arrêtez pas de m'envoyer des messages"],
  ['je veux me désabonner', 'je ne veux pas me désabonner'],
  ['ich möchte mich abmelden', 'ich möchte mich nicht abmelden'],
  ['hören Sie auf, mir zu schreiben', 'hören Sie nicht auf, mir zu schreiben'],
  ['Stoppen Sie die SMS', 'Stoppen Sie die SMS nicht'],
  ['parem de me enviar mensagens', 'não parem de me enviar mensagens'],
  ['quero me descadastrar', 'não quero me descadastrar'],
  ['smettete di scrivermi', 'non smettete di scrivermi'],
  ['voglio disiscrivermi', 'non voglio disiscrivermi'],
];

/** Politeness or punctuation to put before and after a text, and whether to shout it all. */
const dressing = fc.record({ before: fc.constantFrom(...POLITE_BEFORE), after: fc.constantFrom(...POLITE_AFTER), loud: fc.boolean() });

function dress(text: string, { before, after, loud }: { before: string; after: string; loud: boolean }): string {
  const dressed = `${before}${text}${after}`;
  return loud ? dressed.toUpperCase() : dressed;
}

describe('examineRevocation: properties', () => {
  it('adding politeness or punctuation around a clear request never changes the outcome', () => {
    fc.assert(
      fc.property(fc.constantFrom(...clearRequests), dressing, (request, how) => {
        const plain = examineRevocation(request);
        const dressed = examineRevocation(dress(request, how));
        expect(dressed?.kind).toBe(plain?.kind);
        expect(plain?.kind).toBe('optOut');
      }),
      { numRuns: 2000 },
    );
  });

  it('the negatable requests are clear requests without their negation', () => {
    for (const [request] of NEGATABLE) expect(examineRevocation(request)?.kind).toBe('optOut');
  });

  it('negating a clear request never gives optOut, whatever the politeness around it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEGATABLE), dressing, ([, negated], how) => {
        expect(examineRevocation(dress(negated, how))?.kind).not.toBe('optOut');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and always answers a valid verdict for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (body) => {
        const verdict = examineRevocation(body);
        if (verdict) {
          expect(['optOut', 'review']).toContain(verdict.kind);
          expect(verdict.rule.startsWith(`${verdict.language}.`)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
