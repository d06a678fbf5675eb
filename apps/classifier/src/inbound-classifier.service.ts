import { Injectable } from '@nestjs/common';
import { classifyMessage } from '@optout/compliance';
import { ClassifiedMessage, InboundMessage } from '@optout/contracts';
import { countryOfPhone } from '@optout/phone';
import { CompiledProfileCache } from './compiled-profile.cache';

/** Applies each account's compliance profile; messages that match no keyword go no further. */
@Injectable()
export class InboundClassifier {
  constructor(private readonly profiles: CompiledProfileCache) {}

  async classify(messages: InboundMessage[]): Promise<ClassifiedMessage[]> {
    const matched: ClassifiedMessage[] = [];
    for (const message of messages) {
      const profile = await this.profiles.forAccount(message.accountId);
      const result = classifyMessage(profile, { body: message.body, country: () => countryOfPhone(message.from) });
      if (result.kind === null || result.keyword === null) continue;
      matched.push({
        accountId: message.accountId,
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        kind: result.kind,
        keyword: result.keyword,
        scope: result.scope,
        language: result.language,
        country: result.country,
        reply: result.reply,
        profileVersion: profile.version,
        receivedAt: message.receivedAt,
        correlationId: message.correlationId,
      });
    }
    return matched;
  }
}
