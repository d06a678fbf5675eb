import { buildInboundMessage } from './inbound-message.factory';

describe('buildInboundMessage', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');
  const account = '5b2f1a66-0d7c-4f7e-9d59-6a8d3c1e2f10';

  it('normalises numbers and defaults receivedAt to now', () => {
    const built = buildInboundMessage(account, 'US', { messageId: 'SM1', from: '(202) 555-0199', to: '55555', body: 'STOP' }, now);
    expect(built).toEqual({
      ok: true,
      message: {
        accountId: account,
        messageId: 'SM1',
        from: '+12025550199',
        to: '55555',
        body: 'STOP',
        receivedAt: '2026-11-26T12:00:00.000Z',
        acceptedAt: '2026-11-26T12:00:00.000Z',
        correlationId: expect.stringMatching(/^in-/),
      },
    });
  });

  it('keeps the carrier receivedAt, in UTC', () => {
    const built = buildInboundMessage(account, null, { messageId: 'SM2', from: '+12025550199', to: '+12025550100', body: '', receivedAt: '2026-11-26T07:00:00-05:00' }, now);
    expect(built.ok && built.message.receivedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('names each field that is not a phone number', () => {
    expect(buildInboundMessage(account, null, { messageId: 'SM3', from: 'abc', to: '12', body: 'x' }, now)).toEqual({
      ok: false,
      problems: [
        { field: 'from', rule: 'phone_number', message: 'from contains letters' },
        { field: 'to', rule: 'phone_number', message: expect.stringContaining('to ') },
      ],
    });
  });

  it('refuses a receivedAt more than 5 minutes ahead of the clock, naming the field (issue 13, item 3)', () => {
    const fields = { messageId: 'SM4', from: '+12025550199', to: '+12025550100', body: 'START' };
    expect(buildInboundMessage(account, null, { ...fields, receivedAt: '2099-01-01T00:00:00Z' }, now)).toEqual({
      ok: false,
      problems: [{ field: 'receivedAt', rule: 'not_in_future', message: expect.stringContaining('more than 5 minutes ahead') }],
    });
    expect(buildInboundMessage(account, null, { ...fields, receivedAt: '2026-11-26T12:05:00.001Z' }, now).ok).toBe(false);
    expect(buildInboundMessage(account, null, { ...fields, receivedAt: '2026-11-26T12:05:00.000Z' }, now).ok).toBe(true);
    expect(buildInboundMessage(account, null, { ...fields, receivedAt: '2020-01-01T00:00:00Z' }, now).ok).toBe(true);
  });

  it('refuses an unreadable receivedAt instead of throwing, whatever validated the shape before', () => {
    const built = buildInboundMessage(account, null, { messageId: 'SM5', from: '+12025550199', to: '+12025550100', body: '', receivedAt: '2026-13-45T99:00:00Z' }, now);
    expect(built).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'receivedAt', rule: 'date_time' })] });
  });
});
