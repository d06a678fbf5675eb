import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const STOP = oneOf('smettete smettetela smettila smetti smettere smetta smettiamola finitela finiscila piantatela piantala cessate la_smettete la_smetta basta');
const CONTACT = `(?:di |con |d |de )?(?:mi )?(?:mandar\\w*|scriv\\w*|inviar\\w*|contattar\\w*|chiamar\\w*|disturbar\\w*|messaggiar\\w*|importunar\\w*|tormentar\\w*|spammar\\w*|rompere)`;
const MESSAGES = oneOf(
  'promemoria avvisi messaggi messaggio sms msg notifiche promozioni promo pubblicita offerte spam messaggini comunicazioni newsletter whatsapp avvisi promemoria',
);
const BEFORE_MESSAGES = `(?:${oneOf('sti ste sto con di i gli le questi questo queste vostri vostre tutti tutte mandare inviare ricevere mandarmi inviarmi mi altri altre')} ){0,4}`;
const SEND = oneOf(
  'inviatemeli mandatemeli scrivetemeli inviatemele mandatemele scrivete mandate inviate contattate chiamate disturbate scrivetemi mandatemi inviatemi contattatemi chiamatemi disturbatemi scrivermi mandarmi inviarmi contattarmi scrivere mandare inviare contattare scriva mandi invii contatti scrivi',
);

export const ITALIAN: LanguageRules = {
  language: 'it',
  keywordAlone: /^(?:(?:basta|stop|smettete|smettetela subito|disiscrivi|disiscrivimi|disiscrivetemi|disiscrizione|cancellami|cancellatemi|toglimi|toglietemi|smettila|smettetela|basta cosi|ora basta|alt|basta messaggi|basta sms|revoca|revoco)(?: |$))+$/,
  weakKeywordAlone: /^(?:(?:fine|annulla|annullare|cancella|cancellare|ferma|fermate)(?: |$))+$/,
  rules: [
    rule('stop-texting', 'optOut', `\\b${STOP} ${CONTACT}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:${STOP}|stop|fermate|bloccate|interrompete|sospendete|basta con) ${BEFORE_MESSAGES}${MESSAGES}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:cessare|cessate|interrompere|interrompete|sospendere|sospendete|disattivate|disattivare) (?:ogni |qualsiasi |l |gli |qualunque )?invi[oi] (?:di )?(?:\\w+ )?${MESSAGES}\\b`, true),
    rule('stop-receiving', 'optOut', `\\b(?:smettere|smettila|smettete|smetto) di ricevere\\b|\\bnon ricevere piu\\b`, true),
    rule('do-not-contact', 'optOut', `\\b(?:non|nn|nun) (?:mi |ci |me )?${SEND}(?: \\w+){0,2}? (?:cchiu|chiu)\\b|\\b(?:non|nn) (?:mi |ci )?${SEND}(?: \\w+){0,2}? (?:piu|mai piu|ancora)\\b|^(?:non|nn) (?:mi |ci )?${SEND}$|\\bmai piu (?:mi )?${SEND}\\b`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\b(?:non|nn) (?:voglio|desidero|vogliamo|intendo) (?:piu )?(?:(?:${oneOf('ricevere piu questi questo queste i le vostri vostre alcun nessun nessuno altri altre essere di')}) ){0,4}?(?:${MESSAGES}|ricevere|contattat[oa]|disturbat[oa]|piu$)`,
    ),
    rule('no-more-messages', 'optOut', `\\b(?:niente|nessun|basta|mai|non piu) (?:piu |altri |altro |altre |con i |con le |con questi )?${MESSAGES}\\b`),
    rule(
      'unsubscribe',
      'optOut',
      `\\bdisiscri\\w*|\\b(?:cancellatemi|cancellami|cancellarmi|toglietemi|toglimi|togliermi|rimuovetemi|rimuovimi|rimuovermi|eliminatemi|eliminami|eliminarmi)\\b|\\b(?:annullare|cancellare|annullate|cancellate) (?:la mia |l |mia )?iscrizione\\b`,
      true,
    ),
    // "le promozioni potete anche toglierle": the messages, then a verb of dropping them
    rule('stop-messages', 'optOut', `\\b${MESSAGES} (?:\\w+ ){0,3}?(?:toglierle|toglierli|toglietele|toglieteli|eliminarle|eliminarli|cancellarle|cancellarli|bloccarle|bloccarli|fermarle|fermarli|sospenderle|sospenderli|risparmiarvele|evitarle|evitatele)\\b`),
    rule('remove-me', 'optOut', `\\b(?:rimuovete|togliete|cancellate|eliminate|rimuovere|togliere|cancellare|eliminare) (?:il mio (?:numero|contatto|nominativo)|i miei dati|me)\\b|\\bdalla (?:vostra )?(?:lista|mailing list|rubrica)\\b`),
    rule('revoke-consent', 'optOut', `\\b(?:revoco|ritiro|revocare|ritirare) (?:il )?(?:mio )?(?:consenso|autorizzazione)\\b`),
    rule('do-not-call', 'optOut', `\\bregistro (?:pubblico )?(?:delle )?opposizioni\\b`),
    rule(
      'how-to-stop',
      'optOut',
      `\\bcome (?:faccio|posso|si fa|fare|devo|si puo)(?: a| per)? (?:\\w+ ){0,1}?(?:disiscriver\\w*|cancellarmi|smettere di ricevere|togliermi|non ricevere piu|bloccare (?:i|questi|questo) (?:${MESSAGES})|fermare (?:i|questi|questo) (?:${MESSAGES})|annullare l iscrizione)`,
    ),
    rule('other-channel', 'optOut', `\\b(?:solo|soltanto|solamente) (?:per|via|tramite) (?:lettera|posta)\\b|\\bpreferisco (?:essere \\w+ |che mi \\w+ )?(?:per |via |tramite )?(?:e ?mail|email|mail|posta)\\b|\\bnon (?:via|per|tramite) (?:sms|messaggi|messaggio|whatsapp)\\b|\\b(?:solo|soltanto|preferisco|meglio|solamente) (?:per |via |tramite )?(?:e ?mail|email|mail|posta)\\b`),
    rule('keyword-then-sentence', 'optOut', `^(?:stop|basta) (?:io|non|sono|mi|gia|voi)\\b`),
    rule('leave-me-alone', 'optOut', `\\blasciate?mi in pace\\b|\\bmi lasci(?:ate)? in pace\\b|\\bnon (?:mi )?(?:disturbate|rompete) piu\\b`),
    // review
    rule('wrong-number', 'review', `\\bnumero sbagliato\\b|\\bpersona sbagliata\\b|\\b(?:ha|hai|avete) sbagliato (?:numero|persona)\\b|^non sono \\w+$|\\bnon (?:e|e il) (?:il )?mio numero\\b|\\bnon (?:la|ti|vi) conosco\\b`),
    rule('who-is-this', 'review', `\\bchi (?:e|sei|siete|parla|scrive|e lei|e questo|mi scrive)\\b|^chi$`),
    rule('how-got-number', 'review', `\\bchi (?:vi|ti|le) ha (?:dato|passato|venduto) (?:il )?mio numero\\b|\\bperche (?:avete|hai|ha) (?:il )?mio numero\\b|\\b(?:come|dove) (?:avete|hai|ha) (?:avuto|ottenuto|trovato|preso) (?:il )?mio numero\\b`),
    rule('why-texting', 'review', `\\bperche (?:mi )?(?:scrivete|mandate|inviate|contattate|continuate|ricevo|arrivano|scrivi)\\b`),
    rule('not-interested', 'review', `\\bnon (?:mi )?interessa\\b|\\bnon sono interessat[oa]\\b|\\bnessun interesse\\b|\\bnon mi interessano\\b`),
    rule('never-signed-up', 'review', `\\bmai (?:accettato|accettata|acconsentito)\\b|\\bmai (?:dato|data) (?:il )?(?:permesso|consenso|mio numero|autorizzazione)\\b|\\bmai autorizzat[oa]\\b|\\bmai (?:iscritto|iscritta|registrato|registrata|dato il consenso)\\b|\\bnon mi sono mai\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:morto|morta|mancato|mancata|deceduto|deceduta|scomparso|scomparsa|venuto a mancare|venuta a mancare)\\b`),
    rule('complaint', 'review', `\\b(?:truffa|truffatori|spam|molestie|molestia|avvocato|denuncia|denunciare|denuncio|garante|querela|bloccare|bloccato|segnalo|segnalare)\\b`),
    rule('too-many', 'review', `\\btroppi (?:messaggi|sms)\\b|\\bmeno messaggi\\b`),
    rule('stop-other-object', 'review', `^no (?:al|alla|ai|agli|alle|allo) \\w+|^(?:basta|stop|fermate) (?:con |a |al |alla |ai )?(?:il|lo|la|i|gli|le|questa|questo|questi|queste|l|nuova|nuovo) \\w+`, true),
    rule('cancel-subscription', 'review', `\\b(?:disdire|annullare|cancellare|disdici|annulla) (?:il mio |l |mio |il )?(?:abbonamento|contratto|piano|account)\\b`, true),
  ],
  partial: /\bma (?:continuate|voglio|tenete|lasciate|mandate|inviate)\b|\bma (?:i|gli|le|il|la|l) \w+(?: \w+){0,4} (?:voglio|tenete|continuate|lasciate|mandate)\b|\b(?:li|le) voglio ancora\b|\btranne\b|\beccetto\b|\bsolo (?:i|le|gli) (?!messaggi|sms)\w+\b/,
  politeRefusal: /^no (?:grazie|grazie mille)$/,
  negation: {
    negators: words('non nn nun mai ne'),
    gaps: words('voglio vogliamo mi ci si devo dovete potete vorrei che voi vi'),
    reach: 3,
  },
  anchors: anchorSet(
    'passato venduto disattivate disattivare nun cchiu chiu invio invii cessare interrompere sospendere morto morta mancato mancata deceduto deceduta scomparso scomparsa lettera posta promemoria avvisi no preferisco accettato accettata acconsentito toglierle toglierli toglietele toglieteli eliminarle eliminarli cancellarle cancellarli bloccarle bloccarli fermarle fermarli sospenderle sospenderli risparmiarvele evitarle evitatele dato data autorizzato autorizzata avete nn smettete smettetela smettila smetti smettere smetta smettiamola finitela finiscila piantatela piantala cessate smettono basta stop fermate bloccate interrompete sospendete smetto non mai niente nessun disiscri* cancellatemi cancellami cancellarmi toglietemi toglimi togliermi rimuovetemi rimuovimi rimuovermi eliminatemi eliminami eliminarmi annullare cancellare annullate cancellate rimuovete togliete eliminate rimuovere togliere eliminare dalla revoco ritiro revocare ritirare registro lasciatemi lasciami lasciate lasci numero persona sbagliato conosco chi dove perche truffa truffatori spam molestie molestia avvocato denuncia denunciare denuncio garante querela bloccare bloccato segnalo segnalare troppi meno disdire disdici annulla fermare email mail posta',
  ),
  markers: words('il la i di che non per grazie messaggi mi mio e piu sono voi questi numero ricevere scrivere lista'),
  fuzzyKeywords: ['basta', 'disiscrivi', 'disiscrivimi', 'cancella'],
};
