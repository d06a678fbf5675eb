import { CLOCK_SKEW_ALLOWANCE_MS, findInterruptedTelnyxSend, findInterruptedTwilioSend, telnyxMessageId, twilioMessageSid } from './interrupted-reply.util';

const reply = { to: '+12025550199', from: '+12025550100', body: 'Acme: you are unsubscribed. Reply START to resubscribe.' };
const startedAt = new Date('2026-11-26T16:00:00.250Z');
/** Twilio's RFC 2822 dates, whole seconds. */
const twilioDate = (at: Date) => at.toUTCString().replace('GMT', '+0000');
const listed = (overrides: Record<string, unknown> = {}) => ({
  sid: 'SM0123456789abcdef0123456789abcdef',
  to: reply.to,
  from: reply.from,
  body: reply.body,
  direction: 'outbound-api',
  date_created: twilioDate(startedAt),
  ...overrides,
});
const page = (messages: unknown[], status = 200) => ({ status, answer: JSON.stringify({ messages, page_size: 50 }), error: null });

describe('findInterruptedTwilioSend', () => {
  it('finds the text the interrupted attempt sent, its timestamp cut to the second', () => {
    expect(findInterruptedTwilioSend(page([listed()]), reply, startedAt)).toEqual({ found: 'sent', messageId: 'SM0123456789abcdef0123456789abcdef' });
  });

  it('takes a text stamped a little before the attempt (clocks differ), not one from before the allowance', () => {
    const slightlyEarlier = new Date(startedAt.getTime() - 30_000);
    expect(findInterruptedTwilioSend(page([listed({ date_created: twilioDate(slightlyEarlier) })]), reply, startedAt).found).toBe('sent');
    const tooEarly = new Date(startedAt.getTime() - CLOCK_SKEW_ALLOWANCE_MS - 2_000);
    expect(findInterruptedTwilioSend(page([listed({ date_created: twilioDate(tooEarly) })]), reply, startedAt)).toEqual({ found: 'not_sent' });
  });

  it('does not take another text, an inbound one or one to someone else for it', () => {
    const others = [
      listed({ body: 'Acme: your order shipped' }),
      listed({ direction: 'inbound', to: reply.from, from: reply.to }),
      listed({ direction: 'inbound' }),
      listed({ to: '+12025550123' }),
      listed({ from: '+12025550999' }),
      listed({ sid: 42 }),
    ];
    expect(findInterruptedTwilioSend(page(others), reply, startedAt)).toEqual({ found: 'not_sent' });
    expect(findInterruptedTwilioSend(page([]), reply, startedAt)).toEqual({ found: 'not_sent' });
  });

  it('says it does not know when the list cannot be read', () => {
    expect(findInterruptedTwilioSend({ status: null, answer: null, error: 'timeout: no answer within 15000 ms' }, reply, startedAt)).toEqual({
      found: 'unknown',
      reason: 'timeout: no answer within 15000 ms',
    });
    expect(findInterruptedTwilioSend(page([listed()], 503), reply, startedAt)).toEqual({ found: 'unknown', reason: "Twilio's message list answered 503" });
    expect(findInterruptedTwilioSend({ status: 200, answer: '<html>', error: null }, reply, startedAt).found).toBe('unknown');
    expect(findInterruptedTwilioSend({ status: 200, answer: '{"code":20404}', error: null }, reply, startedAt).found).toBe('unknown');
  });
});

describe('twilioMessageSid', () => {
  it("reads the SID from Twilio's answer to a send", () => {
    expect(twilioMessageSid('{"sid":"SMabc","status":"queued"}')).toBe('SMabc');
  });

  it('is null for an answer without one', () => {
    expect(twilioMessageSid(null)).toBeNull();
    expect(twilioMessageSid('not json')).toBeNull();
    expect(twilioMessageSid('{"sid":""}')).toBeNull();
    expect(twilioMessageSid('{"status":"queued"}')).toBeNull();
  });
});

describe('findInterruptedTelnyxSend', () => {
  const answer = (status: number | null, body: unknown) => ({ status, answer: body === null ? null : JSON.stringify(body), error: status === null ? 'timeout' : null });
  it('is sent when Telnyx returns the message, not sent on 404, unknown otherwise', () => {
    expect(findInterruptedTelnyxSend(answer(200, { data: { id: 'm-1' } }), 'm-1')).toEqual({ found: 'sent', messageId: 'm-1' });
    expect(findInterruptedTelnyxSend(answer(404, { errors: [{ code: '10005' }] }), 'm-1')).toEqual({ found: 'not_sent' });
    expect(findInterruptedTelnyxSend(answer(503, null), 'm-1').found).toBe('unknown');
    expect(findInterruptedTelnyxSend(answer(null, null), 'm-1').found).toBe('unknown');
    expect(findInterruptedTelnyxSend(answer(200, { data: { id: 'other' } }), 'm-1').found).toBe('unknown');
    expect(telnyxMessageId(JSON.stringify({ data: { id: 'm-2' } }))).toBe('m-2');
    expect(telnyxMessageId('not json')).toBeNull();
  });
});
