import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const STOP = oneOf('deja dejen deje dejad dejes dejar para paren pare parad pares parar termina terminen detengan detenga deten cesen cese basta acaben acaba');
const CONTACT = `(?:me |nos )?${oneOf('enviar mandar escribir contactar llamar molestar textear mensajear spamear acosar fastidiar llegar')}(?:me|nos)?`;
const MESSAGES = oneOf(
  'recordatorios recordatorio mensajes mensaje mensajitos sms textos texto msjs msj mjs notificaciones promociones promos promo publicidad anuncios ofertas whatsapps whatsapp spam correos avisos recordatorios',
);
const BEFORE_MESSAGES = `(?:${oneOf('de con los las estos estas esos esas sus tus todos todas todo el la mas recibir enviar mandar me sus tantos tantas')} ){0,4}`;
const SEND_PLURAL = oneOf(
  'lleguen llegue envien manden escriban envies mandes escribas contacten contactes llamen llames molesten molestes envie mande escriba contacte llame moleste enviar mandar escribir contactar molestar textees texteen vuelvan_a_escribir vuelvan_a_mandar vuelvan_a_enviar vuelvan_a_contactar vuelvan_a_llamar vuelvas_a_escribir vuelvas_a_contactar vuelvas_a_llamar vuelvas_a_mandar',
);

export const SPANISH: LanguageRules = {
  language: 'es',
  keywordAlone: /^(?:(?:baja|alto|parar|detener|desuscribir|desuscribirme|dar de baja|darme de baja|de baja|basta|ya basta|basta ya|no mas|ya no mas|stop|alto ya|me doy de baja|desinscribir|desinscribirme|dame de baja|denme de baja)(?: |$))+$/,
  weakKeywordAlone: /^(?:(?:cancelar|cancela|cancelen|para|pare|paren|fin|terminar)(?: |$))+$/,
  rules: [
    rule('stop-texting', 'optOut', `\\b${STOP}(?: ya| \\w+mente| de una vez)? de ${CONTACT}\\b`, true),
    // "dejen de chingar con sus mensajitos": any verb, then the messages
    rule('stop-messages', 'optOut', `\\b${STOP} de \\w+ (?:con|de) (?:\\w+ ){0,2}?${MESSAGES}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:${STOP}|cancelar|cancelen|cancela|cancele|detener|quitar|quiten|eliminar|eliminen) ${BEFORE_MESSAGES}${MESSAGES}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:cesen|cese|cesar|detengan|detenga|suspendan|suspenda|suspender|interrumpan) (?:todo |el |los |cualquier |sus )?envios? (?:de )?(?:\\w+ )?${MESSAGES}\\b`, true),
    rule('stop-receiving', 'optOut', `\\b(?:${STOP}) de recibir\\b`, true),
    rule(
      'do-not-contact',
      'optOut',
      // "no me llamen ni me escriban más": two ways of contact chained with ni / o / y
      `\\bno (?:me |nos )?(?:${SEND_PLURAL})(?:me|nos)?(?: (?:ni|o|y) (?:me |nos )?(?:${SEND_PLURAL})(?:me|nos)?)*(?:$| (?:\\w+ ){0,2}?(?:mas|nunca|nada|otra vez|de nuevo|ningun\\w*|${MESSAGES})\\b| (?:a|en|al) (?:este|mi|el) (?:numero|telefono|celular)\\b)|\\bno (?:me |nos )?(?:${SEND_PLURAL})(?:me|nos)? (?:ni|o) (?:me |nos )?(?:${SEND_PLURAL})(?:me|nos)?\\b`,
    ),
    rule('do-not-contact', 'optOut', `\\bnunca mas (?:me )?(?:${SEND_PLURAL})\\b`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\b(?:no|ya no) (?:quiero|deseo|queremos|necesito|quiero seguir) (?:(?:${oneOf(
        'recibir mas seguir_recibiendo que_me_envien que_me_manden que_me_escriban que_me_contacten que_me_llamen sus tus estos estas los las ningun ninguna ningunos ningunas mensajes de ser',
      )}) ){0,4}?(?:${MESSAGES}|mas(?: nada)?$|recibir|contactad[oa]|molestad[oa])\\b`,
    ),
    rule('no-more-messages', 'optOut', `\\b(?:no|ya no|nada|ningun|ninguno) mas (?:\\w+ ){0,1}?${MESSAGES}\\b|\\bnada de (?:\\w+ ){0,1}?${MESSAGES}\\b|\\bbasta de (?:\\w+ ){0,2}?${MESSAGES}\\b|^no mas (?:\\w+ ){0,2}?${MESSAGES}|^ya no (?:\\w+ ){0,1}?${MESSAGES}\\b`),
    // "dar de baja la membresía" cancels something else: that is cancel-subscription (review)
    rule('unsubscribe', 'optOut', `\\b(?:darme|dame|denme|dar|doy|darse|darnos|den|deme|darnos)? ?de baja\\b(?! (?:la|el|mi|mis|su|sus|una|un|los|las|esta|este) (?!numero|telefono|celular|movil|contacto)\\w+)|\\bdesuscrib\\w*|\\bdesinscrib\\w*|\\bdesuscripcion\\b`, true),
    rule(
      'remove-me',
      'optOut',
      `\\b(?:sacame|sacarme|saquenme|saqueme|quitame|quitarme|quitenme|quiteme|quitadme|sacadme|borradme|eliminadme|eliminame|eliminarme|eliminenme|borrame|borrarme|borrenme|excluyanme|excluirme|retirenme|remuevanme|sacar|quitar|borrar|eliminar|saquen|quiten|borren|eliminen|retiren|remuevan) (?:mi (?:numero|telefono|celular|contacto|nombre|datos) )?(?:de|del) (?:\\w+ ){0,2}?${oneOf('lista listas base registro sistema envios mensajes contactos difusion')}\\b`,
    ),
    rule('remove-me', 'optOut', `\\b(?:eliminen|borren|quiten|saquen|eliminar|borrar|quitar|sacar|retiren|eliminame|borrame|sacame|quitame|eliminenme|borrenme|saquenme|quitenme) (?:mi|este) (?:numero|telefono|celular|contacto)\\b|^(?:sacame|quitame|eliminame|borrame|saquenme|quitenme|eliminenme|borrenme)$`),
    rule('revoke-consent', 'optOut', `\\b(?:revoco|retiro|revocar|retirar) (?:mi |el )?(?:consentimiento|autorizacion|permiso)\\b`),
    rule(
      'how-to-stop',
      'optOut',
      `\\bcomo (?:me |le )?(?:puedo |hago para |hago |se |podria |debo )?(?:me )?(?:darme de baja|doy de baja|dejo de recibir|paro de recibir|dar de baja|desuscribirme|desuscribo|parar (?:los|estos|esto|de recibir|las)|dejar de recibir|detener (?:los|estos|esto|las)|salir de (?:la|esta|su) lista|cancelar (?:los|estos|estas|las) (?:mensajes|sms|textos|notificaciones))\\b(?! (?:el|la|mi|mis|su|sus|un|una|los|las|este|esta) (?!numero|telefono|celular|mensajes|sms)\\w+)|^como (?:lo )?(?:paro|detengo|cancelo)$`,
    ),
    rule('other-channel', 'optOut', `\\b(?:solo|solamente|unicamente) (?:por|con) (?:carta|correo postal)\\b|\\bprefiero (?:que me \\w+ |ser \\w+ )?(?:por |via )?(?:correo|email|mail)\\b|\\bno por (?:mensaje|mensajes|sms|texto|whatsapp)\\b|\\b(?:solo|solamente|mejor|unicamente) (?:(?:por|al|a mi|mandenme|envienme|escribanme|mandame|enviame|escribeme|contactenme|contactame|contacten|llamenme|llamame|comuniquense|avisenme|un|me) )*(?:correo|email|mail)\\b|\\bpor (?:mensaje|mensajes|sms|texto|whatsapp)(?: de texto)? no$|\\b(?:correo|email|mail) (?:mejor|en su lugar|en vez)\\b`),
    rule('keyword-then-sentence', 'optOut', `^(?:stop|baja|alto) (?:yo|ya|no|me|soy|nunca|ustedes)\\b`),
    rule('leave-me-alone', 'optOut', `\\b(?:dejen?me|dejeme|dejenme|dejame) en paz\\b|\\bno (?:me )?molesten? mas\\b|\\bdejen de molestar(?:me)?\\b|\\bno molesten\\b`),
    // review
    rule('wrong-number', 'review', `\\bnumero equivocado\\b|\\b(?:se )?equivoc\\w* de (?:numero|persona)\\b|\\bpersona equivocada\\b|^(?:no soy|yo no soy) \\w+$|\\bno conozco a\\b|\\bno es mi numero\\b`),
    rule('who-is-this', 'review', `\\bquien (?:es|eres|son|habla|me escribe|me manda)\\b|^quien$|\\bquien sos\\b`),
    rule('how-got-number', 'review', `\\bquien (?:les|te|le) (?:dio|paso|vendio) (?:mi|este) (?:numero|telefono|celular)\\b|\\bpor ?que (?:tienen|tiene|tienes) (?:mi|este) (?:numero|telefono|celular)\\b|\\b(?:como|de donde|donde) (?:consiguieron|obtuvieron|sacaron|tienen|sacaste|conseguiste) (?:mi|este) (?:numero|telefono|celular)\\b`),
    rule('why-texting', 'review', `\\bpor ?que (?:me )?(?:escriben|envian|mandan|siguen|contactan|escribes|mandas|llegan|recibo|me llegan)\\b`),
    rule('not-interested', 'review', `\\bno (?:me )?interesa\\b|\\bno estoy interesad[oa]\\b|\\bsin interes\\b|\\bno me interesan\\b`),
    rule('never-signed-up', 'review', `\\b(?:nunca|no) (?:acepte|aceptamos|consenti|solicite|pedi) (?:esto|eso|nada|recibir|sus|estos|que)\\b|^(?:yo )?nunca (?:acepte|consenti|solicite|pedi)\\b|\\b(?:nunca|no) (?:les |le |te )?(?:di|dimos|he dado) (?:permiso|mi numero|autorizacion|mi consentimiento|consentimiento)\\b|\\bnunca me (?:suscribi|registre|inscribi|apunte)\\b|\\bno me (?:suscribi|registre|inscribi)\\b|\\bnunca (?:autorice|di permiso)\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:fallecio|murio|fallecido|fallecida|difunto|difunta|ya no esta con nosotros)\\b`),
    rule('complaint', 'review', `\\b(?:spam|estafa|estafadores|acoso|acosando|acosar|denunciar|denuncia|demanda|demandar|abogado|profeco|reportar|bloquear|bloqueado|fraude)\\b`),
    rule('too-many', 'review', `\\b(?:demasiados|tantos|muchos) (?:mensajes|sms|textos)\\b|^ya$|\\bmenos mensajes\\b`),
    rule('stop-other-object', 'review', `^no (?:a la|al|a los|a las) \\w+|^(?:alto|basta|paren|para|stop|no mas|fuera) (?:al|a la|a los|a las|con el|con la|con los|con las|el|la|los|las|este|esta|estos|su|sus|tu|de) \\w+`, true),
    rule('cancel-subscription', 'review', `\\b(?:cancelar|cancela|cancelen|anular|dar de baja|darme de baja|den de baja) (?:mi |la |esta |el )?(?:suscripcion|membresia|plan|cuenta|servicio|contrato|linea)\\b`, true),
  ],
  partial: /\bpero (?:sigan|quiero|mantengan|dejen|si|no los|no las|manden|envien)\b|\bexcepto\b|\bsalvo\b|\bsolo (?:los|las) (?!mensajes|sms)\w+ no\b/,
  politeRefusal: /^no (?:gracias|muchas gracias)$/,
  negation: {
    negators: words('no nunca jamas tampoco ni'),
    gaps: words('quiero queremos me te se que vayan vayas a voy van deseo pienso puedo quieras quieran por favor lo'),
    reach: 3,
  },
  anchors: anchorSet(
    'dio paso vendio envio envios suspendan suspenda suspender interrumpan consentimiento fallecio murio fallecido fallecida difunto difunta carta recordatorios recordatorio prefiero acepte aceptamos consenti solicite pedi deja dejen deje dejad dejes dejar para paren pare parad pares parar termina terminen detengan detenga deten cesen cese basta acaben acaba cancelar cancelen cancela cancele detener quitar quiten eliminar eliminen no nunca nada ningun ninguno baja desuscrib* desinscrib* desuscripcion saca* saqu* quita* quite* elimin* borra* borre* exclu* retir* remuev* revoco retiro revocar retirar correo email mail dejeme dejenme dejame paz molesten numero equivoc* persona conozco quien sos donde por porque interesa interesado interesada interes interesan spam estafa estafadores acoso acosando acosar denunciar denuncia demanda demandar abogado profeco reportar bloquear bloqueado fraude demasiados tantos muchos ya menos alto stop fuera anular salir dejo paro detengo cancelo doy dar lo',
  ),
  markers: words('el la los las de que no por favor gracias mensajes me mi es y mas quiero usted ustedes estos mandar enviar numero dejen'),
  fuzzyKeywords: ['baja', 'cancelar', 'parar', 'detener', 'desuscribir'],
};
