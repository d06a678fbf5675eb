import { Injectable } from '@nestjs/common';
import { classifyMessage } from '@optout/compliance';
import { ClassifiedMessage, InboundMessage } from '@optout/contracts';
import { messagesClassifiedTotal } from '@optout/observability';
import { countryOfPhone } from '@optout/phone';
import { CompiledProfileCache } from '@optout/profiles';

/**
 * Applies each account's compliance profile. A keyword match, an opt-out by phrase and a
 * text for the review queue (`reasonable` revocation mode) go on to the consent queue;
 * messages that match nothing go no further. A message the carrier classified itself
 * (`carrierConsent`) is honoured as the carrier classified it, whatever the text matches, and
 * carries no confirmation text: the carrier answered.
 */
@Injectable()
export class InboundClassifier {
  constructor(private readonly profiles: CompiledProfileCache) {}

  async classify(messages: InboundMessage[]): Promise<ClassifiedMessage[]> {
    const matched: ClassifiedMessage[] = [];
    for (const message of messages) {
      const profile = await this.profiles.forAccount(message.accountId);
      const result = classifyMessage(profile, { body: message.body, country: () => countryOfPhone(message.from) });
      const carrier = message.carrierConsent;
      if (carrier) {
        messagesClassifiedTotal.inc({ kind: carrier.kind });
        matched.push({
          accountId: message.accountId,
          messageId: message.messageId,
          from: message.from,
          to: message.to,
          kind: carrier.kind,
          keyword: carrier.classification,
          scope: null,
          language: result.match !== null ? result.language : null,
          country: result.country ?? countryOfPhone(message.from),
          reply: null,
          replySegments: null,
          profileVersion: profile.version,
          receivedAt: message.receivedAt,
          acceptedAt: message.acceptedAt,
          correlationId: message.correlationId,
          carrierConsent: carrier,
        });
        continue;
      }
      messagesClassifiedTotal.inc({ kind: result.kind ?? 'none' });
      if (result.kind === null || result.match === null) continue;
      matched.push({
        accountId: message.accountId,
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        kind: result.kind,
        keyword: result.keyword,
        match: result.match,
        rule: result.rule,
        // Only a review shows the text to a person; other matches do not carry it further.
        ...(result.kind === 'review' ? { body: message.body } : {}),
        scope: result.scope,
        language: result.language,
        country: result.country,
        reply: result.reply,
        replySegments: result.replySegments,
        profileVersion: profile.version,
        receivedAt: message.receivedAt,
        acceptedAt: message.acceptedAt,
        correlationId: message.correlationId,
      });
    }
    return matched;
  }
}
