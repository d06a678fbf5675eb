import { judgeAttempt, MAX_RETRY_AFTER_MS, outcomeOfStatus, retryAfterMs } from './delivery-outcome.util';

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

describe('judgeAttempt', () => {
  const answer = (status: number | null, extra: Partial<{ retryAfter: string; error: string; refused: boolean }> = {}) => ({
    status,
    retryAfter: extra.retryAfter ?? null,
    error: extra.error ?? null,
    refused: extra.refused ?? false,
  });

  it('succeeds on 2xx only', () => {
    expect(judgeAttempt(answer(204), false)).toMatchObject({ status: 'succeeded', error: null, endpointHealthy: true });
    expect(judgeAttempt(answer(204), true).status).toBe('succeeded');
  });

  it('retries 5xx, 408, 429 and no answer, and dead-letters them on the last attempt', () => {
    for (const status of [500, 502, 503, 408, 429, null]) {
      expect(judgeAttempt(answer(status, { error: status === null ? 'timeout: no answer within 15000 ms' : undefined }), false)).toMatchObject({
        status: 'failed',
        endpointHealthy: false,
      });
      expect(judgeAttempt(answer(status), true).status).toBe('dead');
    }
    expect(judgeAttempt(answer(null, { error: 'connection failed: ECONNREFUSED' }), false).error).toBe('connection failed: ECONNREFUSED');
    expect(judgeAttempt(answer(503), false).error).toBe('HTTP 503');
  });

  it('honours Retry-After, up to a day', () => {
    expect(judgeAttempt(answer(429, { retryAfter: '30' }), false).retryAfterMs).toBe(30_000);
    expect(judgeAttempt(answer(503, { retryAfter: String(7 * 86_400) }), false).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
    expect(judgeAttempt(answer(429), false).retryAfterMs).toBeNull();
  });

  it('gives up at once on other 4xx and on redirects, saying why', () => {
    expect(judgeAttempt(answer(400), false)).toMatchObject({ status: 'dead', error: 'HTTP 400: not retried (4xx)', endpointGone: false });
    expect(judgeAttempt(answer(302), false)).toMatchObject({ status: 'dead', error: 'HTTP 302: redirects are not followed' });
  });

  it('retires the endpoint on 410', () => {
    expect(judgeAttempt(answer(410), false)).toMatchObject({ status: 'dead', endpointGone: true });
  });

  it('never retries a target the egress policy refused', () => {
    expect(judgeAttempt(answer(null, { refused: true, error: 'refused: 10.0.0.1 is private' }), false)).toMatchObject({
      status: 'dead',
      error: 'refused: 10.0.0.1 is private',
    });
  });
});
