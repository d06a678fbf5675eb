import { replyWithheldReason } from './reply-consent.util';

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
