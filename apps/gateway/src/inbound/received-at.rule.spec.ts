import { RECEIVED_AT_FUTURE_TOLERANCE_MS, receivedAtProblem } from './received-at.rule';

describe('receivedAtProblem', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('accepts no date, a past date, and a date within 5 minutes of skew', () => {
    expect(receivedAtProblem(undefined, now)).toBeNull();
    expect(receivedAtProblem('2026-11-26T11:00:00Z', now)).toBeNull();
    expect(receivedAtProblem(new Date(now.getTime() + RECEIVED_AT_FUTURE_TOLERANCE_MS).toISOString(), now)).toBeNull();
  });

  it('refuses a date more than 5 minutes ahead, naming the field and the rule', () => {
    expect(receivedAtProblem('2099-01-01T00:00:00Z', now)).toEqual({
      field: 'receivedAt',
      rule: 'not_in_future',
      message: "receivedAt 2099-01-01T00:00:00.000Z is more than 5 minutes ahead of the gateway's clock (2026-11-26T12:00:00.000Z)",
    });
    expect(receivedAtProblem('2026-11-26T07:05:01-05:00', now)?.rule).toBe('not_in_future');
  });

  it('names the field a carrier calls it by', () => {
    expect(receivedAtProblem('2099-01-01T00:00:00Z', now, 'occurred_at')?.field).toBe('occurred_at');
  });

  it('refuses an unreadable date', () => {
    expect(receivedAtProblem('yesterday', now)?.rule).toBe('date_time');
  });
});
