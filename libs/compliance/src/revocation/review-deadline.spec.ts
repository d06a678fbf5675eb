import fc from 'fast-check';
import { reviewDeadline } from './review-deadline';

describe('reviewDeadline', () => {
  it.each([
    ['a Monday', '2026-11-30T09:15:00.000Z', '2026-12-14T09:15:00.000Z'],
    ['a Wednesday', '2026-12-02T23:59:00.000Z', '2026-12-16T23:59:00.000Z'],
    ['a Friday', '2026-12-04T12:00:00.000Z', '2026-12-18T12:00:00.000Z'],
    ['a Saturday', '2026-12-05T12:00:00.000Z', '2026-12-18T12:00:00.000Z'],
    ['a Sunday', '2026-12-06T12:00:00.000Z', '2026-12-18T12:00:00.000Z'],
  ])('from %s is 10 weekdays later', (_day, receivedAt, deadline) => {
    expect(reviewDeadline(new Date(receivedAt)).toISOString()).toBe(deadline);
  });

  it('always falls on a weekday, 12 to 14 calendar days later, with 10 weekdays in between', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (receivedAt) => {
        const deadline = reviewDeadline(receivedAt);
        expect([1, 2, 3, 4, 5]).toContain(deadline.getUTCDay());
        const days = Math.round((deadline.getTime() - receivedAt.getTime()) / 86_400_000);
        expect(days).toBeGreaterThanOrEqual(12);
        expect(days).toBeLessThanOrEqual(14);
        let weekdays = 0;
        for (let d = 1; d <= days; d += 1) {
          const day = new Date(receivedAt.getTime() + d * 86_400_000).getUTCDay();
          if (day !== 0 && day !== 6) weekdays += 1;
        }
        expect(weekdays).toBe(10);
      }),
    );
  });
});
