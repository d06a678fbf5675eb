import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const STOP = oneOf('arrete arretez arreter arretes arretons cessez cesse cesser stoppez stoppe stopper stop');
const CONTACT = oneOf('envoyer ecrire contacter appeler harceler spammer deranger texter relancer solliciter importuner embeter');
const MESSAGES = oneOf(
  'rappels rappel messages message sms textos texto notifications notification promos promo promotions pubs pub publicites publicite mails mail relances offres alertes spams spam envois envoi newsletters newsletter',
);
const BEFORE_MESSAGES = `(?:${oneOf('pas surtout jamais aux au a les vos ces tes des de d tous toutes l la le envoyer m me recevoir votre ton envoi vos ces tous_les toutes_les')} ){0,4}`;
const SEND_IMPERATIVE = oneOf('recontactez recontacter rappelez renvoyez envoyez ecrivez contactez appelez envoie ecris contacte appelle derangez sollicitez harcelez textez relancez envoyer ecrire contacter');

export const FRENCH: LanguageRules = {
  language: 'fr',
  keywordAlone: /^(?:(?:arretez ca|arrete ca|arretez tout|arret|arrete|arretez|arreter|stop|desabonner|desabonnement|desinscription|desinscrire|stop sms|stop pub|halte|stoppez|cessez|me desabonner|me desinscrire|desabonnez moi|desinscrivez moi)(?: |$))+$/,
  weakKeywordAlone: /^(?:(?:annuler|annulez|fin|terminer)(?: |$))+$/,
  rules: [
    rule('stop-texting', 'optOut', `\\b${STOP}(?: \\w+ment| tout de suite| maintenant| donc| enfin| svp)? (?:de |d )(?:m |me |nous |les |leur |en |nous les |me les )?m?${CONTACT}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:${STOP}|annulez|annuler|supprimez|supprimer) ${BEFORE_MESSAGES}${MESSAGES}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:cesser|cessez|arreter|arretez|suspendre|suspendez|interrompre) (?:tout |tous |les |l |vos |ces )?envois? (?:de |d |des )?(?:\\w+ )?${MESSAGES}\\b`, true),
    rule('stop-receiving', 'optOut', `\\b${STOP} (?:de |d )recevoir\\b`, true),
    rule('do-not-contact', 'optOut', `\\b(?:ne|n) (?:m |me |nous )?${SEND_IMPERATIVE}(?: \\w+)?? (?:plus|jamais)\\b|\\b(?:m |me )${SEND_IMPERATIVE}(?: \\w+)?? plus (?:de|d|jamais|rien|aucun)\\b|\\b(?:m |me )${SEND_IMPERATIVE} (?:plus|pu)$|\\b(?:m |me )${SEND_IMPERATIVE}(?: \\w+)?? pu\\b|\\bne (?:plus|jamais plus) (?:m |me |nous )?(?:contacter|envoyer|ecrire|appeler|deranger|solliciter|relancer)\\b`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\b(?:ne|n) (?:veux|voudrais|veut|souhaite|desire|voulons|souhaitons|desirons) (?:plus|pas|aucun|aucune|jamais) (?:(?:${oneOf(
        'de d recevoir vos ces les aucun aucune etre tes vos_messages plus',
      )}) ){0,3}?(?:${MESSAGES}|rien|recevoir|etre (?:contacte|contactee|sollicite|sollicitee|derange|derangee|harcele))\\b`,
    ),
    // spoken French drops the "ne": "je veux plus recevoir vos textos", "jveux plus de pubs"
    rule('do-not-want-messages', 'optOut', `\\b(?:jveux|jveu|jvx|veux|veut|voudrais|voulons|souhaite) plus (?:(?:de|d|recevoir|vos|ces|les|tes|aucun|aucune|vos) ){0,3}?(?:${MESSAGES}|recevoir|rien|etre contacte\\w*)\\b`),
    rule('no-more-messages', 'optOut', `^(?:plus de|plus d|plus aucun|plus aucune|pas de|aucun|aucune|fini les|finis les|assez de) (?:\\w+ ){0,1}?${MESSAGES}\\b|\\bplus jamais (?:de |d )?${MESSAGES}\\b|\\bassez de ${MESSAGES}\\b`),
    rule('unsubscribe', 'optOut', `\\bdes?ab+on+\\w*|\\bdesinscri\\w*|\\bdesincri\\w*|\\bdesinscription\\b`, true),
    rule(
      'remove-me',
      'optOut',
      `\\b(?:retirez|retire|retirer|supprimez|supprime|supprimer|enlevez|enleve|enlever|effacez|efface|effacer|rayez|radiez|sortez|otez|virez) (?:moi|nous|mon numero|mon num|mon telephone|mes coordonnees|mon contact|nous|mon nom|mes donnees)\\b(?! (?:de|du|des|sur) (?:la |le |l |ma |mon |cette |ce )?(?!liste|fichier|base|listes|envois|messages|sms)(?:commande|facture|panier|colis|reservation|dossier|contrat|compte|carte|ticket|billet|rendez vous|rdv)\\b)|\\b(?:me|m|nous) (?:retirer|supprimer|enlever|effacer|rayer|radier|sortir|retirez|supprimez|enlevez) (?:de|des|du)\\b`,
    ),
    rule('revoke-consent', 'optOut', `\\b(?:retire|retirer|revoque|revoquer) (?:mon )?(?:consentement|accord|autorisation)\\b`),
    rule('do-not-call', 'optOut', `\\bbloctel\\b|\\bliste d opposition\\b`),
    rule(
      'how-to-stop',
      'optOut',
      `\\bcomment (?:(?:je |on )?(?:peux |peut |puis |fait |fais |faire |dois |faut il |est ce qu on |est ce que je )?)(?:(?:je|on|pour|me|m|il) )*(?:arreter|stopper|desabonner|desinscrire|ne plus recevoir|me desabonner|me desinscrire|m arreter|arrete|desactiver (?:les|ces|vos) (?:${MESSAGES}))\\b(?: (?:${oneOf('ca ces les vos messages sms de recevoir tout cela ceci')}))*$`,
    ),
    rule('other-channel', 'optOut', `\\b(?:uniquement|seulement|que) par (?:lettre|courrier postal|la poste)\\b|\\bprefere (?:etre \\w+ )?(?:par |via )(?:e ?mail|mail|courriel|courrier)\\b|\\bpas par (?:sms|texto|textos|message|messages)\\b|\\b(?:uniquement|seulement|plutot|que) par (?:e ?mail|mail|courriel|courrier)\\b|\\bpar (?:e ?mail|mail|courriel|courrier) (?:plutot|uniquement|seulement)\\b`),
    rule('keyword-then-sentence', 'optOut', `^(?:stop|arret|arrete|arretez) (?:je|j|jveux|nous|on|c est|ce n est|plus)\\b`),
    rule('leave-me-alone', 'optOut', `\\blaisse[zr]? moi tranquille\\b|\\b(?:fichez|foutez|fiche|fous) moi la paix\\b|\\blachez moi\\b|\\bne me derangez plus\\b`),
    // review
    rule('wrong-number', 'review', `\\bmauvais (?:numero|destinataire|num|personne)\\b|\\berreur de (?:numero|destinataire|personne)\\b|\\bce n est pas (?:moi|mon numero)\\b|\\bvous vous etes trompe\\w*|\\bvous vous trompez\\b|\\btu te trompes\\b|\\bvous faites erreur\\b|\\bje ne suis pas \\w+$|\\bje ne connais pas\\b`),
    rule('who-is-this', 'review', `\\bqui (?:est ce|etes vous|est la|es tu|c est|m ecrit|me contacte|ecrit)\\b|\\bc(?: est)? (?:qui|ki)\\b|^(?:qui|ki)$|\\bvous etes qui\\b|\\bqui vous etes\\b`),
    rule('how-got-number', 'review', `\\bqui (?:vous|t) a (?:donne|file|vendu|passe) (?:mon|mes) (?:numero|num|coordonnees|telephone)\\b|\\bpourquoi (?:vous avez|avez vous|t as|tu as|vous possedez) (?:mon|mes) (?:numero|num|telephone|coordonnees)\\b|\\bcomment (?:avez vous|vous avez|as tu) (?:eu|obtenu|trouve|recupere) (?:mon numero|mes coordonnees)\\b|\\bou avez vous (?:eu|trouve|pris) mon numero\\b`),
    rule('why-texting', 'review', `\\bpourquoi (?:vous )?(?:m ecrivez|m envoyez|me contactez|vous m ecrivez|vous m envoyez|je recois|est ce que je recois|recevoir|m ecrire|ces messages)\\b`),
    rule('not-interested', 'review', `\\bpas interesse\\w*\\b|\\bne m interesse pas\\b|\\bm interesse pas\\b|\\bm interessent pas\\b|\\bsans interet\\b`),
    rule('never-signed-up', 'review', `\\bjamais (?:inscrit|inscrite|abonne|abonnee|demande|donne mon accord|autorise|autorisee|accepte|acceptee|consenti|donne mon numero)\\b|\\bje ne me suis jamais\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:decede|decedee|est mort|est morte|nous a quittes|nous a quitte|defunt|defunte)\\b`),
    rule('complaint', 'review', `\\b(?:arnaque|arnaqueurs|harcelement|harceler|plainte|avocat|spam|cnil|signaler|signale|bloquer|bloque|escroquerie|escrocs)\\b`),
    rule('too-many', 'review', `\\btrop de (?:messages|sms|textos|notifications)\\b|\\bmoins de (?:messages|sms)\\b|^ca suffit$|^assez$`),
    rule('stop-other-object', 'review', `^(?:stop|arretez|halte|non) (?:a |au |aux )?(?:la|le|les|cette|ce|ces|l|votre) \\w+`, true),
    rule('cancel-subscription', 'review', `\\b(?:annuler|annulez|resilier|resiliez|arreter) (?:mon |l |cet |mon |votre )?(?:abonnement|adhesion|forfait|compte)\\b`, true),
  ],
  partial: /\bmais (?:gardez|continuez|je veux|garder|pas les|seulement|laissez|envoyez)\b|\bsauf\b|\bseulement les\b|\bexcepte\b/,
  politeRefusal: /^non (?:merci|merci beaucoup|merci bien)$/,
  negation: {
    negators: words('ne n pas jamais'),
    gaps: words('je veux voudrais me m vous surtout souhaite dois faut il vais va pense peux tu on nous'),
    reach: 4,
    // Spoken French drops the "ne" and keeps the "pas" after the verb: "arrêtez pas les promos".
    anywhere: new RegExp(`\\b${STOP} (?:surtout )?(?:pas|jamais)\\b`),
  },
  anchors: anchorSet(
    'donne file vendu passe envoi envois cesser suspendre suspendez interrompre decede decedee mort morte quitte quittes defunt defunte rappels rappel lettre arret prefere pu textez trompez trompes erreur menvoyer mecrire mappeler mcontacter mharceler jveux jveu jvx veux veut voudrais voulons souhaite autorise autorisee non numero ki arrete arretez arreter arretes arretons cessez cesse cesser stoppez stoppe stopper stop annulez annuler supprimez supprimer ne n plus pas aucun aucune fini finis assez jamais desab* deab* desinscri* desincri* retirez retire retirer supprime enlevez enleve enlever effacez efface effacer rayez radiez sortez otez virez rayer radier sortir consentement accord autorisation revoque revoquer bloctel opposition comment laisse laissez laisser fichez foutez fiche fous lachez derangez mauvais erreur trompe* connais qui pourquoi interesse* interessent interet arnaque arnaqueurs harcelement harceler plainte avocat spam cnil signaler signale bloquer bloque escroquerie escrocs trop moins suffit halte resilier resiliez abonnement adhesion forfait compte mail email courriel courrier',
  ),
  markers: words('le la les de je ne pas plus vous merci mon moi est et des svp messages sms m envoyer arretez veux numero'),
  fuzzyKeywords: ['arret', 'arrete', 'arretez', 'arreter', 'desabonner', 'desinscrire'],
};
