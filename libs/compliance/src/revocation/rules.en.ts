import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const STOP = `(?:sto+p+|quit|cease|halt|discontinue)`;
const MESSAGES = oneOf(
  'messages message msgs msg texts text txts txt sms smss texting text_messages notifications notification alerts ' +
    'promos promo promotions promotional_messages promotional_texts marketing marketing_messages marketing_texts ads ' +
    'adverts advertisements advertising offers deals spam reminders updates newsletters newsletter campaign_messages ' +
    'robotexts robo_texts mass_texts spam_texts',
);
const CONTACTING = oneOf(
  'texting txting messaging msging contacting calling sending spamming bothering bugging harassing pestering ' +
    'emailing writing_to hitting_me_up blowing_up_my_phone blowing_me_up',
);
const CONTACT_VERB = oneOf('text txt message msg contact sms send spam call write_to bother email ping harass');
/** "call or text", "text and call": a request often names two ways at once. */
const CONTACT = `${CONTACT_VERB}(?: (?:or|and|nor|n|or even) ${CONTACT_VERB})*`;
/** Words that may stand between a stop verb and "messages": "stop all these marketing texts". */
const BEFORE_MESSAGES = `(?:(?:${oneOf(
  'all the these those this your ur any my such of sending send getting receiving me us automated ' +
    'promotional marketing constant daily weekly more from with them you',
)}) ){0,4}`;
const ME = oneOf('me us this_number my_number this_phone my_phone my_cell this_cell');
const LIST = oneOf(
  'list lists mailing_list texting_list text_list sms_list contact_list database system texts messages it this ' +
    'these here contacts distribution_list call_list marketing_list subscriber_list',
);

export const ENGLISH: LanguageRules = {
  language: 'en',
  keywordAlone: new RegExp(
    `^(?:(?:sto+p+|stopall|stop all|unsubscribe|unsub|opt out|optout|revoke|quit|stop it|stop this|stop that|stop them|` +
      `stop everything|stop all of it|stop all of this|stop all messages|stop messages|stop texts|no more|nomore|` +
      `stop texting|stop sms|unsubscribe me|opt me out|remove me|revoke consent|i revoke|enough already)(?: |$))+$`,
  ),
  weakKeywordAlone: /^(?:(?:cancel|end|cancel it|cancel all|end it|end all|cancel everything)(?: |$))+$/,
  rules: [
    rule('stop-texting', 'optOut', `\\b${STOP} ${CONTACTING}\\b`, true),
    rule('stop-messages', 'optOut', `\\b${STOP} ${BEFORE_MESSAGES}${MESSAGES}\\b`, true),
    rule('stop-receiving', 'optOut', `\\b${STOP} (?:receiving|getting)\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:${STOP}|end) (?:all )?(?:communication|communications|contact|correspondence)\\b`, true),
    rule(
      'do-not-contact',
      'optOut',
      `\\b(?:dont|do not|never|please dont|stop to)(?: ever)? ${CONTACT} (?:${ME}|${BEFORE_MESSAGES}${MESSAGES})\\b`,
    ),
    rule(
      'do-not-contact',
      'optOut',
      `\\b(?:dont|do not|never)(?: ever)? ${CONTACT}(?: \\w+){0,3} (?:again|anymore|any more|ever again)\\b`,
    ),
    rule('no-more-messages', 'optOut', `\\b(?:no more|no further|nomore|no more of|none of) (?:\\w+ ){0,2}?${MESSAGES}\\b`),
    rule('no-more-messages', 'optOut', `^no (?:\\w+ ){0,2}?${MESSAGES}(?: (?:again|ever|anymore|any more|for me|to this number))*$`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\b(?:dont|do not|no longer|never|didnt|did not) (?:want|wish|need|like|wanna)(?: to)? (?:(?:${oneOf(
        'receive get be getting be_receiving have see any more these those your ur this the of anymore any_more further',
      )}) ){0,4}?(?:${MESSAGES}|these|them|anymore|any more)\\b`,
    ),
    rule(
      'do-not-want-contact',
      'optOut',
      `\\b(?:dont|do not|no longer|never) (?:want|wish|like|wanna)(?: to)? (?:be|being) (?:contacted|texted|messaged|bothered|called|spammed|on (?:your|the|this) list)\\b`,
    ),
    rule('unsubscribe', 'optOut', `\\b(?:unsubscribe|unsubscribed|unsubscribing|unsub|unsubcribe|unsuscribe|unsubscibe|unsubscrib|unsubsribe|unenroll|unenrol|un subscribe|unregister|deregister)\\b`, true),
    rule('opt-out', 'optOut', `\\b(?:opt|opted|opting) (?:me |us )?out\\b|\\boptout\\b|\\boptin out\\b`, true),
    rule(
      'remove-me',
      'optOut',
      `\\b(?:take|get|drop|kick|pull|cross|strike|scratch) (?:${ME}|my info|my details|my name) off(?: (?:of|from))?(?: (?:your|the|this|ur|that|my|all|all your|all of your|all the|ya))?(?: \\w+)?? ?(?:${LIST})?$`,
    ),
    rule(
      'remove-me',
      'optOut',
      `\\b(?:remove|delete|erase|unlist|exclude|purge|take out|wipe) (?:${ME}|my (?:info|details|contact|contact info|name|data|information))\\b`,
    ),
    rule('remove-me', 'optOut', `\\bwant (?:to be )?(?:out|off) (?:of )?(?:this|your|the|ur) (?:\\w+ )?list\\b`),
    rule('remove-me', 'optOut', `\\boff (?:of )?(?:your|the|this|ur|that|ya) (?:\\w+ )?list\\b`),
    rule('revoke-consent', 'optOut', `\\b(?:revoke|withdraw|withdrawing|revoking|cancel|rescind) (?:my |all )?(?:consent|permission|authorization|authorisation)\\b|\\bi do not consent\\b|\\bi dont consent\\b|\\bno longer consent\\b`),
    rule('do-not-call', 'optOut', `\\b(?:do not call|dont call|do not contact|dont contact|do not text|dont text|do not disturb) (?:list|registry|register)\\b|\\bdnc\\b`),
    rule(
      'other-channel',
      'optOut',
      `\\b(?:email|mail|call|write|letter) (?:me |us )?(?:instead|only|rather)\\b|\\b(?:only|just) (?:by |via |through |contact me by |reach me by )?(?:email|mail)\\b|\\bprefer (?:email|to be emailed|emails|(?:to be )?(?:contacted|reached) (?:by|via|through) (?:email|mail))\\b|\\bnot (?:by|via|through) (?:text|texts|sms|message|messages)\\b|\\b(?:by|via|through) (?:email|mail) (?:only|instead|from now on)\\b|\\bemails? (?:only|instead)\\b`,
    ),
    rule(
      'how-to-stop',
      'optOut',
      `\\b(?:how|way) (?:do|can|could|would|to|should|does|do you|can you) ?(?:i |we |one |u )?(?:make (?:(?:this|these|those|it|them|you|the|your|ur|all) )+(?:${MESSAGES} )?)?(?:stop|unsubscribe|opt out|turn off|turn (?:these|them|this|it|the \\w+|notifications|texts|messages) off|get off|get out of|get rid of|block (?:these|them|this|the texts|the messages)|end these|cancel (?:these|this|them|the texts|the messages|texts|messages))(?: (?:${oneOf(
        'this these those them it the your receiving getting all ur of from text texts sms messages message off list you notifications alerts',
      )}))*$`,
    ),
    rule('keyword-then-sentence', 'optOut', `^(?:sto+p+|unsubscribe|quit) (?:i|im|ive|id|we|were|this is|my|not interested|no longer|dont|never)\\b`),
    rule('leave-me-alone', 'optOut', `\\b(?:leave me alone|leave me be|lose my number|forget my number|go away|get lost|buzz off|bugger off|piss off|back off)\\b`),
    // review
    rule('wrong-number', 'review', `\\bwrong (?:number|person|phone|guy|girl|contact|no|num|#)\\b|\\byou (?:have|got) the wrong\\b|\\bnot (?:my number|who you think)\\b|^(?:this is not|this isnt|im not|i am not|not) (?!interested|sure|ready|able|available|home|free|coming|going|happy|done)\\w+$|\\bno (?:one|body) (?:here )?(?:by|named|called)\\b|\\bdont know (?:you|who)\\b|\\bnot me\\b|^wrong$`),
    rule('who-is-this', 'review', `\\bwho (?:is this|is dis|are you|r u|ru|this|dis|is texting|is sending|sent this|is it)\\b|^who$`),
    rule('how-got-number', 'review', `\\bwho (?:gave|sold|passed) (?:you|u|ya) (?:my|this) (?:number|#|digits|phone)\\b|\\bwhy (?:do|does) (?:you|u|ya|yall|this \\w+) (?:have|got) (?:my|this) (?:number|phone|cell|#)\\b|\\b(?:how (?:did|do)|howd|how d) (?:you|u|ya|yall) (?:even )?(?:get|have|find|got) (?:my|this) (?:number|phone|cell|#|contact|digits)\\b|\\bwhere did (?:you|u) get (?:my|this) (?:number|#)\\b`),
    rule('why-texting', 'review', `\\bwhy (?:are|r|do|does|did|is|am) (?:you|u|this|someone|somebody|i|ya|yall)(?: \\w+)?? (?:texting|messaging|text|message|sending|contacting|spamming|keep|keeps|getting|receiving)\\b`),
    rule('not-interested', 'review', `\\bnot interested\\b|\\bno interest\\b|\\bnot for me\\b|\\bno thank you\\b|\\bim good\\b|\\bpass\\b$`),
    rule('never-signed-up', 'review', `\\bnever (?:signed up|subscribed|opted in|asked|agreed|gave (?:you|consent|permission))\\b|\\bdidnt (?:sign up|subscribe|opt in|ask for)\\b|\\bdid not (?:sign up|subscribe|opt in|ask for)\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:died|passed away|deceased|has passed|is dead|no longer with us)\\b`),
    rule('complaint', 'review', `\\b(?:spam|spammer|spammers|spamming|scam|scammer|scammers|harass|harassing|harassment|harrassment|stalking|report (?:you|this|u)|reporting (?:you|this)|reported|sue|suing|lawsuit|lawyer|attorney|legal action|fcc|tcpa|ftc|attorney general|police|block (?:you|this|your|u)|blocking (?:you|this)|blocked)\\b`),
    rule('too-many', 'review', `\\btoo many (?:texts|messages|msgs|sms|txts)\\b|\\bso many (?:texts|messages)\\b|^enough$|\\b(?:less|fewer) (?:often|texts|messages|frequently)\\b|\\bpause (?:the |these |my )?(?:texts|messages|notifications|alerts)\\b`),
    rule('stop-other-object', 'review', `^(?:(?:you|u) (?:can|could|may) |(?:can|could) (?:you|u) |just |pls )?(?:sto+p+|halt) (?:the|this|that|these|those|your|ur|all|all the|our) \\w+`, true),
    rule('stop-other-object', 'review', `^sto+p+ (?!by\\b|in\\b|over\\b|at\\b)\\w+ing\\b`, true),
    rule('cancel-subscription', 'review', `\\b(?:cancel|end|stop) (?:my |the |this )?(?:subscription|membership|plan|account)\\b`, true),
  ],
  partial: /\b(?:but|except|only) (?:keep|still|continue|leave|send|the)\b|\bkeep (?:it|them|em|those|these) coming\b|\bkeep (?:sending|the|my|texting)\b|\bexcept\b|\btext me instead\b|\bjust text\b|\bstill (?:want|send)\b/,
  politeRefusal: /^no (?:thanks|thank you|thx|ty|thank u|thanks anyway)$/,
  negation: {
    negators: words('dont not never didnt doesnt wont cant cannot shouldnt wouldnt nobody'),
    gaps: words('do want wanna need mean plan wish would like you ever really just to me going gonna it please try trying intend dare u let'),
    reach: 4,
  },
  selfSubjects: words('i ill we well id ive im wed he she they hes shes theyll itll'),
  anchors: anchorSet(
    'gave sold passed died passed deceased dead howd prefer stop* stoop* quit cease halt discontinue end dont never not no nomore none longer didnt unsu* unen* unre* dere* subscribe opt opted opting optout optin off out remove delete erase unlist exclude purge take wipe revoke withdraw withdrawing revoking cancel rescind consent dnc list registry register email mail emails leave lose forget away lost wrong number isnt nobody who why interested interest good pass spam* scam* harass* harrass* stalking report reporting reported sue suing lawsuit lawyer attorney legal fcc tcpa ftc police block blocking blocked enough less fewer pause communication communications contact correspondence many instead rather turn rid phone cell',
  ),
  markers: words(
    'the you me my i to is are this please thanks and your of not dont texts messages want no more text remove list from these',
  ),
  fuzzyKeywords: ['stop', 'unsubscribe', 'cancel', 'quit', 'optout', 'revoke', 'stopall'],
};
