import type { RevocationLanguage } from './revocation.types';

/**
 * The default opt-out confirmation in each language the phrase rules read, used when the
 * account has no message of its own for the language (compiled-profile.ts). Brand-less
 * like the English default; each fits one SMS (UCS-2 where accents require it).
 */
export const DEFAULT_PHRASE_OPT_OUT_REPLIES: Readonly<Record<RevocationLanguage, string>> = Object.freeze({
  en: 'You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
  es: 'Te has dado de baja y no recibirás más mensajes. Responde START para volver a suscribirte.',
  fr: 'Vous êtes désabonné et ne recevrez plus de messages. Répondez START pour vous réabonner.',
  de: 'Sie sind abgemeldet und erhalten keine Nachrichten mehr. Antworten Sie START zum Anmelden.',
  pt: 'Você foi descadastrado e não receberá mais mensagens. Responda START para voltar.',
  it: 'Sei disiscritto e non riceverai più messaggi. Rispondi START per iscriverti di nuovo.',
});
