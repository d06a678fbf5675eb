import { Injectable } from '@nestjs/common';
import { classifyMessage } from '@optout/compliance';
import { ClassifiedMessage, InboundMessage } from '@optout/contracts';
import { messagesClassifiedTotal } from '@optout/observability';
import { countryOfPhone } from '@optout/phone';
import { CompiledProfileCache } from '@optout/profiles';

/**
 * Applies each account's compliance profile. A keyword match, an opt-out by phrase and a
 * text for the review queue (`reasonable` revocation mode) go on to the consent queue;
 * messages that match nothing go no further.
 */
@Injectable()
export class InboundClassifier {
  constructor(private readonly profiles: CompiledProfileCache) {}

  async classify(messages: InboundMessage[]): Promise<ClassifiedMessage[]> {
    const matched: ClassifiedMessage[] = [];
    for (const message of messages) {
      const profile = await this.profiles.forAccount(message.accountId);
      const result = classifyMessage(profile, { body: message.body, country: () => countryOfPhone(message.from) });
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
