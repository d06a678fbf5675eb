import { loadConfig } from '@optout/config';
import { ApiException } from '../http/api.exception';
import { IngestionQuotaGuard, ingestionCostOf } from './ingestion-quota.guard';

const guardWith = (messages: string, bytes: string) =>
  new IngestionQuotaGuard(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x', INBOUND_ACCOUNT_MESSAGES_PER_SECOND: messages, INBOUND_ACCOUNT_BYTES_PER_SECOND: bytes }));

function refusal(action: () => void): { status: number; retryAfter: string; message: string } | null {
  try {
    action();
    return null;
  } catch (error) {
    const api = error as ApiException;
    return { status: api.getStatus(), retryAfter: api.headers['retry-after'], message: (api.getResponse() as { error: { message: string } }).error.message };
  }
}

describe('IngestionQuotaGuard', () => {
  it('lets an account send two seconds of its quota at once, then refuses with the limit named and Retry-After', () => {
    const guard = guardWith('10', '0');
    for (let i = 0; i < 20; i++) expect(refusal(() => guard.charge('a', { messages: 1, bytes: 0 }, 0))).toBeNull();
    const refused = refusal(() => guard.charge('a', { messages: 1, bytes: 0 }, 0));
    expect(refused).toEqual({ status: 429, retryAfter: '1', message: expect.stringContaining('INBOUND_ACCOUNT_MESSAGES_PER_SECOND') });
    // Another account is not touched.
    expect(refusal(() => guard.charge('b', { messages: 1, bytes: 0 }, 0))).toBeNull();
    expect(refusal(() => guard.charge('a', { messages: 1, bytes: 0 }, 100))).toBeNull();
  });

  it('refuses on bytes without spending the messages, and takes a batch larger than the burst when full', () => {
    const guard = guardWith('100', '1000');
    expect(refusal(() => guard.charge('a', { messages: 1, bytes: 5000 }, 0))).toBeNull();
    const refused = refusal(() => guard.charge('a', { messages: 1, bytes: 10 }, 0));
    expect(refused?.message).toContain('INBOUND_ACCOUNT_BYTES_PER_SECOND');
    expect(Number(refused?.retryAfter)).toBeGreaterThanOrEqual(3);
  });

  it('counts messages and text bytes of a single message and a batch, whatever the body holds', () => {
    expect(ingestionCostOf({ body: 'STOP' }, false)).toEqual({ messages: 1, bytes: 4 });
    expect(ingestionCostOf({ messages: [{ body: 'é' }, { body: 3 }, null] }, true)).toEqual({ messages: 3, bytes: 2 });
    expect(ingestionCostOf('nonsense', true)).toEqual({ messages: 1, bytes: 0 });
  });
});
