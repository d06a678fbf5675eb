import type { ConsentEventEntity } from '@optout/database';
import { webhookEventOfManualChange } from './consent-webhook.util';

describe('webhookEventOfManualChange', () => {
  const event = {
    id: '7d6f2c1e-0000-4000-8000-000000000001',
    accountId: 'a1',
    sourceMessageId: 'api:5b1c',
    phone: '+12025550100',
    sender: '',
    kind: 'optOut',
    keyword: '',
    scope: null,
    language: null,
    country: null,
    profileVersion: null,
    source: 'api',
    receivedAt: new Date('2026-11-26T10:00:00.000Z'),
    appliedAt: new Date('2026-11-26T10:00:00.120Z'),
    followUpsDoneAt: null,
    correlationId: 'api:5b1c',
    apiKeyId: 'k1',
    reason: 'asked by phone',
    erasedAt: null,
  } as ConsentEventEntity;

  it('announces a manual opt-out as consent.opted_out with no reply', () => {
    expect(webhookEventOfManualChange(event, 'c1')).toEqual({
      v: 1,
      type: 'consent.opted_out',
      occurredAt: '2026-11-26T10:00:00.120Z',
      correlationId: 'c1',
      data: {
        eventId: event.id,
        accountId: 'a1',
        phone: '+12025550100',
        sender: '',
        keyword: '',
        language: null,
        country: null,
        messageId: 'api:5b1c',
        receivedAt: '2026-11-26T10:00:00.000Z',
        optOutType: 'STOP',
        match: null,
        rule: null,
        source: event.source,
        replySegments: null,
        replyStatus: 'none',
      },
    });
  });

  it('announces a manual opt-in as consent.opted_in', () => {
    expect(webhookEventOfManualChange({ ...event, kind: 'optIn' } as ConsentEventEntity, 'c1')).toMatchObject({ type: 'consent.opted_in', data: { optOutType: 'START' } });
  });
});
