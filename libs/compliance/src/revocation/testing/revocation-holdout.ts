import type { CorpusCase, CorpusGroup } from './revocation-corpus';
import type { RevocationLanguage } from '../revocation.types';

/**
 * A second table, written after the rules and never used to tune them: its figures are
 * the honest estimate of how the rules do on messages they were not written against
 * (docs/compliance.md quotes both). Mistakes here are reported, not fixed in the rules.
 */
const rows = (language: RevocationLanguage, group: CorpusGroup, bodies: string[]): CorpusCase[] =>
  bodies.map((body) => ({ body, language, group, expected: group === 'clear' ? 'optOut' : group === 'ambiguous' ? 'review' : null }));

export const REVOCATION_HOLDOUT: readonly CorpusCase[] = Object.freeze([
  ...rows('en', 'clear', [
    'Please quit sending me messages',
    'stop spamming me',
    'No more promos please',
    'Remove this number from your list',
    "I don't want your texts",
    'Unsubscribe!!!',
    'Take me off',
    'How do I opt out?',
    'Cease all communication with this number',
    'STOP SENDING ME MESSAGES!!!',
    'Do not message this number again',
    'Please stop, thank you',
    'stop now',
    'opt out',
    'I want out of this list',
    'Stop bothering me',
  ]),
  ...rows('en', 'ambiguous', [
    'Wrong #',
    'who is this??',
    'not interested, thanks anyway',
    'I did not sign up for this',
    'How did you get this number?',
    'STOP THE STEAL',
    'stoop',
    'this is a scam',
  ]),
  ...rows('en', 'ordinary', [
    "Can't wait for the sale to end so I can shop!",
    "I'll stop in on my way home",
    'Please cancel my appointment for Tuesday',
    'Can you remove the extra charge from my bill?',
    'Take me to your leader',
    'Is the 42 bus stop moved?',
    'We stopped at the store yesterday',
    "Don't stop, this is great",
    'How do I cancel my reservation?',
    'end of the month works for me',
    'Text me when it is ready',
    'Thanks so much!',
  ]),
  ...rows('es', 'clear', ['Ya no me manden mensajes', 'Paren de enviarme promociones', 'Quítenme de la lista por favor', 'no quiero recibir más mensajes', 'Dejen de escribirme, gracias', 'Darme de baja']),
  ...rows('es', 'ambiguous', ['¿Quién habla?', 'Se equivocó de número', 'no me interesa gracias']),
  ...rows('es', 'ordinary', ['¿Puedo pasar mañana?', 'Quiero cancelar la cita del lunes', 'Sin tomate por favor', 'Gracias por todo', 'no dejen de mandarme ofertas']),
  ...rows('fr', 'clear', ["Arrêtez de m'envoyer des SMS svp", 'Je ne veux plus recevoir de messages', 'Retirez mon numéro de votre liste', 'Désinscrivez-moi', 'Stop aux SMS']),
  ...rows('fr', 'ambiguous', ['Qui est-ce ?', 'Erreur de numéro', 'Non merci, pas intéressée']),
  ...rows('fr', 'ordinary', ['Je passe vous voir demain', 'Annulez ma réservation svp', 'Merci pour tout', "N'arrêtez surtout pas les offres"]),
  ...rows('de', 'clear', ['Bitte keine Werbung mehr', 'Hören Sie bitte auf mir zu schreiben', 'Nehmen Sie mich von der Liste', 'Ich will keine SMS mehr', 'Abmelden bitte']),
  ...rows('de', 'ambiguous', ['Wer sind Sie?', 'Falsche Person', 'Kein Interesse danke']),
  ...rows('de', 'ordinary', ['Ich schaue morgen vorbei', 'Bitte stornieren Sie meinen Termin', 'Danke schön', 'Wann endet der Verkauf?']),
  ...rows('pt', 'clear', ['Parem de me mandar mensagem', 'Não quero receber mais nada', 'Me tira dessa lista', 'Chega de promoção', 'Não me enviem mais nada']),
  ...rows('pt', 'ambiguous', ['Quem fala?', 'Número errado, não conheço', 'Não tenho interesse, obrigado']),
  ...rows('pt', 'ordinary', ['Passo aí amanhã', 'Quero cancelar a reserva', 'Valeu, até mais', 'Quando acaba a promoção?']),
  ...rows('it', 'clear', ['Smettetela di scrivermi', 'Non voglio più messaggi', 'Toglietemi dalla lista per favore', 'Basta SMS grazie', 'Non inviatemi più messaggi']),
  ...rows('it', 'ambiguous', ['Chi parla?', 'Ha sbagliato numero', 'Non sono interessato, grazie']),
  ...rows('it', 'ordinary', ['Passo domani', 'Vorrei annullare il mio ordine', 'Grazie mille', 'Quando finiscono i saldi?']),
]);
