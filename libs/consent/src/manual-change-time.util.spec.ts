import { manualOptOutTime } from './manual-change-time.util';

describe('manualOptOutTime', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('is now when nothing is recorded, or the state is older', () => {
    expect(manualOptOutTime(now, null)).toEqual(now);
    expect(manualOptOutTime(now, { since: new Date('2026-11-26T11:59:59.999Z') })).toEqual(now);
  });

  it('comes just after a state dated now or later, so the opt-out wins', () => {
    expect(manualOptOutTime(now, { since: new Date('2099-01-01T00:00:00.000Z') })).toEqual(new Date('2099-01-01T00:00:00.001Z'));
    expect(manualOptOutTime(now, { since: now })).toEqual(new Date('2026-11-26T12:00:00.001Z'));
  });
});
