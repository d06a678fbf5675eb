import type { ClassifiedMessage } from '@optout/contracts';

/**
 * A message as the classifier hands it to the blocklist worker, for suites that feed the
 * consent stage directly: a keyword STOP to +12025550100 in the US with its confirmation,
 * unless `fields` says otherwise. Its correlation id is its message id unless given.
 */
export function classifiedMessage(fields: Pick<ClassifiedMessage, 'accountId' | 'messageId' | 'from' | 'receivedAt'> & Partial<ClassifiedMessage>): ClassifiedMessage {
  return {
    to: '+12025550100',
    kind: 'optOut',
    keyword: 'STOP',
    scope: null,
    language: null,
    country: 'US',
    reply: 'You are unsubscribed.',
    profileVersion: 0,
    correlationId: fields.messageId,
    ...fields,
  };
}
