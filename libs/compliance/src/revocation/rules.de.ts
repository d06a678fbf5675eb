import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const MESSAGES = oneOf(
  'erinnerungen erinnerung terminerinnerungen sms nachrichten nachricht mitteilungen texte werbung werbe_sms werbesms newsletter benachrichtigungen angebote mails emails kurznachrichten spam infos whatsapps whatsapp textnachrichten werbenachrichten',
);
const CONTACT_VERB = oneOf('schreiben schicken senden kontaktieren simsen anrufen belastigen nerven zuschicken texten zusenden anschreiben');
const CONTACTED = oneOf('kontaktiert angeschrieben angerufen belastigt benachrichtigt genervt zugespamt');

export const GERMAN: LanguageRules = {
  language: 'de',
  keywordAlone: /^(?:(?:stopp|stop|abmelden|abbestellen|austragen|aufhoren|hor auf|horen sie auf|hort auf|schluss|schluss jetzt|abmeldung|stopp sms|sms stopp|keine sms|keine nachrichten|keine werbung|widerruf|ich widerrufe)(?: |$))+$/,
  weakKeywordAlone: /^(?:(?:ende|halt|kundigen|beenden|stornieren)(?: |$))+$/,
  keywordObject: {
    clause: /(?:\bzu \w+|\b(?:an|ab|auf|ein|los|vor|weg|zu)zu\w+en)$/,
    messaging: new RegExp(`\\bzu ${CONTACT_VERB}$|\\b(?:anzurufen|anzuschreiben|zuzuschicken|zuzusenden|zuzuspammen|zuzumullen)$|\\b${MESSAGES}\\b`),
  },
  rules: [
    rule('no-more-messages', 'optOut', `\\bkeine (?:\\w+ ){0,2}?${MESSAGES} mehr\\b|\\bkeine (?:weiteren|weitere) (?:\\w+ )?${MESSAGES}\\b|^keine (?:\\w+ )?${MESSAGES}$|\\bschluss mit (?:den |der |dem |diesen |ihren |euren )?(?:\\w+ )?${MESSAGES}\\b|\\bnie wieder (?:\\w+ ){0,1}?${MESSAGES}\\b`),
    rule('do-not-contact', 'optOut', `\\b${CONTACT_VERB}(?: sie| ihr| du)?(?: mir| mich| uns)?(?: \\w+){0,2}? nicht mehr\\b|\\bnicht mehr (?:\\w+ ){0,3}?(?:${CONTACT_VERB}|${CONTACTED})\\b|\\b(?:${CONTACT_VERB}|${CONTACTED})(?: \\w+){0,2}? (?:nie wieder|niemals wieder)\\b|\\bnie wieder (?:\\w+ ){0,2}?${CONTACT_VERB}\\b`),
    // "schickt mir keinen Scheiß mehr": a sending verb, then none of it any more
    rule('do-not-contact', 'optOut', `\\b(?:schickt|schicken sie|schick|sendet|senden sie|schreibt|schreiben sie|schreib)(?: \\w+)? (?:mir|uns) (?:keine|keinen|nichts|nix)\\b(?: \\w+)? mehr\\b`),
    rule('stop-texting', 'optOut', `\\b(?:hor|horen|hort|horts|hor s|horen sie|hort bitte|hor bitte)(?: ${oneOf('sie ihr du bitte endlich jetzt doch mal sofort einfach nicht')})* auf\\b(?!(?: (?!zu\\b)\\w+){0,3} zu (?!${CONTACT_VERB}\\b)\\w+)|\\baufhoren\\b|\\baufzuhoren\\b`, true),
    rule(
      'stop-messages',
      'optOut',
      `\\b(?:stoppen sie|stoppt|stopp|stop|beenden sie|beendet|beenden|einstellen|stellen sie|abstellen|abbestellen|unterlassen sie)(?: ${oneOf('die diese ihre eure den das alle bitte sofort jeglichen jegliche mir')}){0,3} ${MESSAGES}\\b|\\b${MESSAGES} (?:\\w+ ){0,2}?(?:stoppen|beenden|einstellen|abstellen|abbestellen|unterlassen|abbestellt|eingestellt)\\b`,
      true,
    ),
    rule(
      'unsubscribe',
      'optOut',
      `\\b(?:abmelden|abmeldung|abbestellen|abbestellung|austragen|abmelde|abbestelle|melde mich ab|melden sie mich (?:\\w+ ){0,3}?ab|tragen sie mich aus|trag mich aus|tragt mich aus|entfernen sie mich|abgemeldet|ausgetragen)\\b`,
      true,
    ),
    // "die Werbung könnt ihr lassen": the messages, then a verb of dropping them
    rule('stop-messages', 'optOut', `\\b${MESSAGES} (?:\\w+ ){0,3}?(?:lassen|weglassen|sein lassen|sparen|stecken)\\b`),
    rule(
      'remove-me',
      'optOut',
      `\\b(?:loschen|entfernen|streichen|nehmen)(?: sie| ihr)? (?:mich|meine (?:nummer|handynummer|telefonnummer|daten|kontaktdaten))\\b|\\b(?:mich|meine (?:nummer|handynummer|telefonnummer|daten)) (?:\\w+ ){0,3}?(?:loschen|entfernen|streichen|austragen|rausnehmen)\\b|\\b(?:aus|von) (?:der|ihrer|eurer|dem|ihrem|eurem|diesem|dieser) (?:\\w+ )?(?:liste|verteiler|verteilerliste|newsletter|datenbank|\\w+verteiler|\\w+liste)\\b`,
    ),
    rule('do-not-want-messages', 'optOut', `\\b(?:will|mochte|mochten|wollen|wunsche) (?:das|die|diese|sie|es|so was|sowas|solche|solches) (?:\\w+ )?nicht mehr (?:bekommen|erhalten|haben|empfangen|sehen)\\b|\\b(?:will|mochte|mochten|wollen|brauche) (?:\\w+ ){0,2}?${MESSAGES} (?:\\w+ )?nicht mehr$`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\b${MESSAGES}(?: \\w+){0,2}? nicht mehr (?:erhalten|bekommen|empfangen|zugeschickt|zugesandt|geschickt|gesendet|haben)\\b|\\bnicht mehr (?:\\w+ ){0,2}?${MESSAGES} (?:erhalten|bekommen|empfangen|haben)\\b`,
    ),
    rule('revoke-consent', 'optOut', `\\b(?:widerrufe|widerrufen|ziehe)(?: ich| hiermit)* (?:meine |die )?(?:einwilligung|zustimmung|einverstandniserklarung)\\b|\\b(?:einwilligung|zustimmung) (?:\\w+ ){0,2}?(?:widerrufen|zuruck|widerrufe)\\b`),
    rule(
      'how-to-stop',
      'optOut',
      `\\bwie (?:kann ich|konnen wir|kann man|melde ich|werde ich|bestelle ich|stoppe ich|beende ich|stelle ich|komme ich)(?: \\w+){0,3}? (?:abmelden|ab|abbestellen|austragen|stoppen|beenden|loswerden|abstellen|ausschalten|raus)\\b$`,
    ),
    rule('other-channel', 'optOut', `\\b(?:nur|lieber|bitte nur|ausschliesslich) (?:noch )?(?:per |uber |via |als )?(?:e ?mail|email|mail|post|brief)\\b`),
    rule('keyword-then-sentence', 'optOut', `^(?:stopp?|stop) (?:ich|wir|das ist|keine|nicht)\\b`),
    rule('leave-me-alone', 'optOut', `\\bgebt(?:s)? (?:a |mir |uns |endlich )?ruh\\w*\\b|\\blass(?:en sie|t|en)? mich (?:in ruhe|zufrieden)\\b|\\bverschonen sie mich\\b`),
    // review
    rule('wrong-number', 'review', `\\bfalsche(?:r|n)? (?:nummer|person|empfanger)\\b|\\bfalsch verbunden\\b|\\bnicht (?:meine|die richtige) nummer\\b|^(?:ich )?bin nicht \\w+$|\\bkenne (?:sie|euch|dich) nicht\\b`),
    rule('who-is-this', 'review', `\\bwer (?:ist das|sind sie|bist du|seid ihr|schreibt (?:mir|da|hier)|ist da|spricht)\\b|^wer$`),
    rule('how-got-number', 'review', `\\bwer hat (?:ihnen|euch|dir) (?:meine|diese) (?:nummer|handynummer|telefonnummer) gegeben\\b|\\b(?:warum|wieso|weshalb) (?:haben sie|habt ihr|hast du) (?:meine|diese) (?:nummer|handynummer|telefonnummer)\\b|\\bwoher (?:haben sie|habt ihr|hast du|kennen sie|haben die) (?:meine|diese) (?:nummer|handynummer|telefonnummer|daten)\\b`),
    rule('why-texting', 'review', `\\b(?:warum|wieso|weshalb) (?:schreiben|schicken|kontaktieren|bekomme|erhalte|texten|simsen|nerven|senden|schreibt|schickt|kontaktiert|textet|simst|nervt|sendet|schreibst|schickst) (?:sie|ihr|du|ich|man)\\b`),
    rule('not-interested', 'review', `\\bkein interesse\\b|\\bnicht interessiert\\b|\\binteressiert mich nicht\\b|\\bbrauche ich nicht\\b`),
    rule('never-signed-up', 'review', `\\bnie (?:\\w+ ){0,2}?(?:angemeldet|zugestimmt|eingewilligt|bestellt|registriert|eingetragen|erlaubt|genehmigt|gegeben)\\b|\\bnicht angemeldet\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:verstorben|gestorben|ist tot|verschieden)\\b`),
    rule('complaint', 'review', `\\b(?:belastigung|anwalt|anzeige|abmahnung|spam|betrug|betruger|verbraucherzentrale|bundesnetzagentur|blockieren|gesperrt|datenschutz|dsgvo)\\b`),
    rule('too-many', 'review', `\\bzu viele (?:sms|nachrichten|mitteilungen)\\b|^es reicht$|^reicht$|\\bweniger (?:sms|nachrichten)\\b`),
    rule('stop-other-object', 'review', `^(?:stopp?t?|halt|nein zu[mr]?) (?:die|der|das|den|diese|dieses|diesen|eure|ihre) \\w+`, true),
    rule('cancel-subscription', 'review', `\\b(?:kundigen|kundige|beenden|stornieren)\\b.*\\b(?:abo|abonnement|mitgliedschaft|vertrag|konto)\\b|\\b(?:abo|abonnement|mitgliedschaft|vertrag|konto) (?:\\w+ ){0,2}?(?:kundigen|beenden|stornieren)\\b`, true),
  ],
  partial: /\baber (?:bitte )?(?:weiter|behalten|die \w+ (?:schon|weiter))\b|\baber (?:die|den|das) \w+(?: \w+){0,3} (?:weiter|weiterhin|behalten|schon)\b|\bausser\b|\baber (?:die|den) \w+ (?:weiterhin|schon)\b/,
  politeRefusal: /^nein (?:danke|danke schon|vielen dank)$/,
  negation: {
    negators: words('nicht nie niemals'),
    gaps: words('bitte mich ich will mochte sie'),
    reach: 3,
    anywhere: /\b(?:nicht|nie|niemals)\b(?! mehr\b| wieder\b)/,
  },
  anchors: anchorSet(
    'wer hat gebt gebts ruh ruhe verstorben gestorben tot verschieden erinnerungen erinnerung terminerinnerungen schickt schick sendet schreibt schreib keinen nix horts erlaubt genehmigt lassen weglassen sparen stecken wieso weshalb keine weitere weiteren schluss nicht nie niemals hor* aufhoren aufzuhoren stop* beenden beendet einstellen stellen abstellen abbestell* unterlassen eingestellt abmeld* austragen melde melden tragen trag tragt entfernen abgemeldet ausgetragen loschen streichen nehmen liste verteiler verteilerliste newsletter datenbank widerrufe widerrufen ziehe einwilligung zustimmung ausschliesslich lass lassen lasst verschonen falsche falscher falschen falsch kenne wer woher warum kein interessiert belastigung anwalt anzeige abmahnung spam betrug betruger verbraucherzentrale bundesnetzagentur blockieren gesperrt datenschutz dsgvo reicht weniger halt nein kundigen kundige stornieren abo abonnement mitgliedschaft vertrag konto viele ab raus loswerden ausschalten email mail post brief',
  ),
  markers: words('die der das und ich nicht sie bitte danke keine mehr mir mich ist nachrichten ihr mit von zu auf nummer'),
  fuzzyKeywords: ['stopp', 'abmelden', 'abbestellen', 'austragen'],
};
