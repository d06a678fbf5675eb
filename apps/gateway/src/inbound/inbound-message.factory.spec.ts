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
});
