import { outcomeOfStatus, retryAfterMs } from './delivery-outcome.util';

describe('outcomeOfStatus', () => {
  it.each([
    [200, 'succeeded'],
    [204, 'succeeded'],
    [500, 'retry'],
    [503, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [null, 'retry'],
    [410, 'endpoint_gone'],
    [400, 'give_up'],
    [404, 'give_up'],
    [301, 'give_up'],
  ] as const)('%s → %s', (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 12:01:00 GMT', Date.parse('Thu, 26 Nov 2026 12:00:00 GMT'))).toBe(60_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
