import type { LanguageRules } from './phrase-rule';
import { anchorSet, oneOf, rule, words } from './phrase-rule';

const STOP = oneOf('parem pare para parar param deixem deixe deixa deixar chega parai');
const CONTACT = `(?:me |nos )?${oneOf('spammar spamar enviar mandar escrever contatar contactar ligar incomodar perturbar importunar encher mandar_mensagem mandar_mensagens mensagear')}(?:me)?`;
const MESSAGES = oneOf(
  'lembretes lembrete mensagens mensagem msgs msg sms torpedos torpedo textos texto notificacoes promocoes promocao promos promo propagandas propaganda anuncios ofertas spam zap zaps whats avisos lembretes',
);
const BEFORE_MESSAGES = `(?:${oneOf('de com as os essas esses estas estes suas seus todas todos receber enviar mandar me mais tantas tantos')} ){0,4}`;
const SEND = oneOf('contacte contactem contactar mandem enviem mande envie manda envia escrevam escreva contatem contate liguem ligue incomodem incomode perturbem mandar enviar escrever contatar');

export const PORTUGUESE: LanguageRules = {
  language: 'pt',
  keywordAlone: /^(?:(?:parar|pare|parem|sair|descadastrar|descadastro|descadastre|chega|basta|chega disso|stop|cancelar inscricao|me descadastra|me descadastre|me tira|me tirem|remover|desinscrever)(?: |$))+$/,
  weakKeywordAlone: /^(?:(?:cancelar|cancela|cancele|para|fim|encerrar)(?: |$))+$/,
  rules: [
    rule('stop-texting', 'optOut', `\\b${STOP} (?:de|com) ${CONTACT}\\b`, true),
    rule('stop-messages', 'optOut', `\\b(?:para com|parem|pare|parar|chega|cancelem|cancele|cancelar|cancela|suspendam|bloqueiem|tirem|parem com|chega de|basta de) ${BEFORE_MESSAGES}${MESSAGES}\\b`, true),
    rule('stop-receiving', 'optOut', `\\b(?:parar|deixar|pare|quero parar|quero deixar) de receber\\b|\\b(?:cancelar|cancelem|cancele|parar|parem|suspender|suspendam|interromper) (?:o|os) (?:recebimento|envio|envios) (?:de|das|dos|do|da|desses|dessas|destes|destas) (?:\\w+ )?${MESSAGES}\\b`, true),
    rule('do-not-contact', 'optOut', `\\bnao (?:me |nos )?(?:entrem|entre|entrar|entrarem) (?:mais )?em contato\\b|\\bnao (?:me |nos )?${SEND}(?: \\w+){0,2}? (?:mais|nunca mais|de novo)\\b|\\bnao (?:me |nos )?${SEND} (?:nem|ou) (?:me |nos )?${SEND}\\b|\\bnao (?:me |nos )?${SEND}(?: \\w+){0,2}? (?:pra|para|neste|nesse|nesta|a|ao) (?:esse|este|meu|o meu)? ?numero\\b|^nao (?:me |nos )?${SEND}$|\\bnunca mais (?:me )?${SEND}\\b`),
    rule(
      'do-not-want-messages',
      'optOut',
      `\\bnao (?:quero|desejo|queremos|preciso) (?:mais )?(?:(?:${oneOf(
        'receber mais essas esses suas seus as os nenhuma nenhum estas estes de continuar_recebendo que_me_mandem que_me_enviem ser',
      )}) ){0,4}?(?:${MESSAGES}|mais(?: nada)?$|receber|contatad[oa]|incomodad[oa])\\b`,
    ),
    rule('no-more-messages', 'optOut', `^sem (?:\\w+ )?${MESSAGES}\\b|\\b(?:chega de|sem mais|nada de|nao mais|mais nenhuma|nenhuma) (?:\\w+ ){0,1}?${MESSAGES}\\b|^(?:chega|basta) (?:de )?${MESSAGES}`),
    rule(
      'unsubscribe',
      'optOut',
      `\\bdescadastr\\w*|\\bdesinscrev\\w*|\\bdesinscri\\w*|\\bcancelar (?:a |minha )?inscricao\\b|\\bsair da (?:lista|sua lista|base)\\b|\\b(?:me|nos) (?:tira|tire|tirem|remova|removam|exclua|excluam|retire|retirem) (?:da|dessa|desta|do|deste|desse|daqui)\\b|\\b(?:tira|tire|tirem|remova|removam|exclua|excluam|retire|retirem) (?:me|nos) (?:da|dessa|desta|do|deste|desse|daqui)\\b|\\b(?:tira|tire|tirem|remova|removam|exclua|excluam|retire|retirem) (?:me|o meu|meu) (?:numero |contato |telefone )?(?:da|dessa|desta|do|deste|desse)\\b|^me (?:tira|tirem|tire|remova|removam|exclua|excluam)$`,
      true,
    ),
    rule('remove-me', 'optOut', `\\b(?:removam|remova|remover|excluam|exclua|excluir|tirem|tire|tirar|apaguem|apague|apagar|retirem|retirar|deletem|deletar) (?:o )?meu (?:numero|contato|telefone|celular|cadastro)\\b`),
    rule('revoke-consent', 'optOut', `\\b(?:revogo|retiro|revogar|retirar) (?:o )?(?:meu )?(?:consentimento|autorizacao|permissao)\\b`),
    rule(
      'how-to-stop',
      'optOut',
      `\\bcomo (?:eu )?(?:faco para |faco |posso |consigo |faz para |que |se |devo )?(?:eu )?(?:me )?(?:descadastrar|descadastro|parar de receber|sair da lista|cancelar (?:essas|as|isso|estas|estes|esses) ?(?:${MESSAGES})?|parar (?:as|essas|isso|estas)|desinscrever|paro (?:de receber|isso|essas|as))\\b`,
    ),
    rule('other-channel', 'optOut', `\\b(?:so|somente|apenas) (?:por|via) carta\\b|\\bprefiro (?:ser \\w+ |que me \\w+ )?(?:por |pelo |via )?(?:e ?mail|email|correio)\\b|\\bnao por (?:sms|mensagem|mensagens|texto|whats|zap)\\b|\\b(?:so|somente|apenas|prefiro|melhor) (?:(?:me|contatem|contate|contatar|liguem|ligue|escrevam|escreva|mandem|chamem|falem comigo) )*(?:por |pelo |via )?(?:e ?mail|email|correio)\\b|\\bpor (?:sms|mensagem|mensagens|texto|whats|zap) nao$|\\b(?:e ?mail|email) (?:em vez|ao inves)\\b`),
    rule('keyword-then-sentence', 'optOut', `^(?:stop|pare|parem|sair|chega) (?:eu|ja|nao|nunca|voces|vcs|me)\\b`),
    rule('leave-me-alone', 'optOut', `\\bme deix(?:em|e|a) em paz\\b|\\bdeix(?:em|e|a) me em paz\\b|\\bnao me (?:incomodem|perturbem|encham) mais\\b|\\bparem de me incomodar\\b`),
    // review
    rule('wrong-number', 'review', `\\b(?:aqui )?nao (?:e|eh) (?:o|a) \\w+(?: nao)?$|\\bnumero errado\\b|\\bpessoa errada\\b|\\bengano\\b|^(?:eu )?nao sou (?:o |a )?\\w+$|\\bnao (?:e|eh) (?:o )?meu numero\\b|\\bnao conheco\\b`),
    rule('who-is-this', 'review', `\\bquem (?:e|fala|e voce|sao voces|e vc|eh|ta falando|esta falando|me mandou|e que esta)\\b|^quem$|\\bquem sao\\b`),
    rule('how-got-number', 'review', `\\bquem (?:passou|deu|vendeu) (?:o )?(?:meu|este|esse) (?:numero|contato|telefone)\\b|\\b(?:por ?que|pq) (?:voces |vcs |vc |voce )?(?:tem|tem o|tem meu|tinham) (?:o )?(?:meu|este|esse) (?:numero|contato|telefone)\\b|\\b(?:como|onde) (?:voces |vcs )?(?:conseguiram|pegaram|obtiveram|arrumaram|acharam) (?:o )?(?:meu|este|esse) (?:numero|contato|telefone)\\b`),
    rule('why-texting', 'review', `\\b(?:por ?que|pq|pk) (?:voces |vcs |vc |voce )?(?:estao |continuam |esta |tao |ta |to )?(?:me )?(?:mandando|enviando|mandam|enviam|escrevendo|ligando|recebo|estou recebendo)\\b|\\b(?:por ?que|pq|pk) (?:eu )?(?:estou |to |tou )?recebendo\\b`),
    rule('not-interested', 'review', `\\bnao (?:tenho|temos) interesse\\b|\\bnao (?:me )?interessa\\b|\\bnao estou interessad[oa]\\b|\\bsem interesse\\b|\\bnao me interessam\\b`),
    rule('never-signed-up', 'review', `\\bnunca (?:aceitei|concordei|consenti|autorizamos)\\b|\\bnunca (?:me cadastrei|me inscrevi|autorizei|pedi|assinei|dei permissao|dei autorizacao|dei meu numero|passei meu numero)\\b|\\bnao (?:me cadastrei|autorizei)\\b`),
    // the subscriber has died: the number is no longer theirs to consent with
    rule('deceased', 'review', `\\b(?:faleceu|morreu|falecido|falecida|falecimento)\\b`),
    rule('complaint', 'review', `\\b(?:reclamacao|reclamar|queixa|golpe|golpista|golpistas|spam|assedio|procon|advogado|processar|processo|denunciar|denuncia|anatel|reclame aqui|bloquear|bloqueado|fraude)\\b`),
    rule('too-many', 'review', `\\b(?:muitas|tantas|demais) (?:mensagens|sms)\\b|\\bmensagens demais\\b|\\bmenos mensagens\\b`),
    rule('stop-other-object', 'review', `^(?:para|para com|pare|parem|chega de|basta de|stop|fora) (?:o|a|os|as|esse|essa|esta|este|com o|com a|com os|com as|com esse|com essa|com este|com esta|com isso) \\w+|^nao (?:a|ao|as|aos) \\w+|^(?:chega|basta) de \\w+$`, true),
    rule('partial-request', 'review', `\\b(?:so|somente|apenas) quero (?:receber )?(?:os|as) \\w+|\\b(?:promocao|promocoes|propaganda|propagandas|ofertas) nao$`),
    rule('cancel-subscription', 'review', `\\b(?:cancelar|cancela|cancelem|encerrar) (?:a |minha |o meu |meu )?(?:assinatura|plano|conta|mensalidade)\\b`, true),
  ],
  partial: /\bmas (?:continuem|continua|quero|mantenham|pode|podem|continue|mandem|enviem|manda)\b|\bexceto\b|\bmenos (?:os|as) \w+\b|\bsalvo\b/,
  politeRefusal: /^nao (?:obrigad[oa]|valeu|brigad[oa])$/,
  negation: {
    negators: words('nao nunca jamais nem'),
    gaps: words('quero queremos me se vou que voces vcs posso quer deseja desejo pode podem'),
    reach: 3,
  },
  anchors: anchorSet(
    'passou deu vendeu reclamacao reclamar queixa faleceu morreu falecido falecida falecimento carta lembretes lembrete spammar spamar entrem entre entrar entrarem contato aqui prefiro aceitei concordei consenti autorizamos contacte contactem contactar quero promocao promocoes propaganda propagandas ofertas dei passei tem tinham desses dessas destes destas pq pk recebimento envio envios parem pare para parar param deixem deixe deixa deixar chega parai cancelem cancele cancelar cancela suspendam bloqueiem tirem basta nao nunca sem nada nenhuma descadastr* desinscrev* desinscri* sair tira tire remova removam exclua excluam retire retirem remover excluir tirar apaguem apague apagar deletem deletar revogo retiro revogar retirar email correio numero pessoa engano conheco quem por porque golpe golpista golpistas spam assedio procon advogado processar processo denunciar denuncia anatel reclame bloquear bloqueado fraude muitas tantas demais menos stop fora encerrar paro mail',
  ),
  markers: words('o a os as de que nao por favor obrigado obrigada mensagens me meu e mais voce voces com essas numero'),
  fuzzyKeywords: ['parar', 'sair', 'descadastrar', 'cancelar'],
};
