import type { ConsentStateEntity, Suppression } from '@optout/database';
import { currentConsentOf, replyWithheldReason } from './reply-consent.util';

describe('replyWithheldReason', () => {
  const optedOut = { status: 'opted_out' as const, since: new Date('2026-11-26T10:00:00Z') };
  const optedIn = { status: 'opted_in' as const, since: new Date('2026-11-26T10:00:00Z') };

  it('lets the opt-out confirmation through to a blocked number', () => {
    expect(replyWithheldReason('optOut', '+12025550199', optedOut)).toBeNull();
  });

  it('answers HELP whatever the state, as the compliance spec says', () => {
    expect(replyWithheldReason('help', '+12025550199', optedOut)).toBeNull();
  });

  it('holds back a welcome to a number that is blocked again by the time it is sent', () => {
    expect(replyWithheldReason('optIn', '+12025550199', optedOut)).toBe(
      'not sent: +12025550199 is opted out (since 2026-11-26T10:00:00.000Z); a blocked number gets only the opt-out confirmation and help answers',
    );
  });

  it('sends anything to a number that is not blocked', () => {
    for (const kind of ['optOut', 'optIn', 'help'] as const) {
      expect(replyWithheldReason(kind, '+12025550199', optedIn)).toBeNull();
      expect(replyWithheldReason(kind, '+12025550199', null)).toBeNull();
    }
  });
});

describe('currentConsentOf', () => {
  const state = (status: 'opted_in' | 'opted_out', since: string, sourceMessageId = 'SM1') =>
    ({ status, since: new Date(since), sourceMessageId, keyword: 'START' }) as ConsentStateEntity;
  const erasure: Suppression = {
    phoneHash: 'h1:abc',
    since: new Date('2026-11-20T11:00:00Z'),
    keyword: 'STOP',
    versionAt: new Date('2026-11-26T09:00:00Z'),
    versionId: 'erasure:1',
    erasedAt: new Date('2026-11-26T09:00:00Z'),
  };

  it('is the plain state when the number was never erased', () => {
    expect(currentConsentOf(state('opted_in', '2026-11-26T10:00:00Z'), undefined)).toEqual({ status: 'opted_in', since: new Date('2026-11-26T10:00:00Z') });
    expect(currentConsentOf(null, undefined)).toBeNull();
  });

  it('keeps an erased number blocked against a START sent before the erasure, however late it arrives', () => {
    expect(currentConsentOf(state('opted_in', '2026-11-20T11:05:00Z'), erasure)).toEqual({ status: 'opted_out', since: erasure.since });
    expect(currentConsentOf(null, erasure)).toEqual({ status: 'opted_out', since: erasure.since });
  });

  it('lets a START sent after the erasure win', () => {
    expect(currentConsentOf(state('opted_in', '2026-11-26T09:30:00Z'), erasure)).toEqual({ status: 'opted_in', since: new Date('2026-11-26T09:30:00Z') });
  });
});
