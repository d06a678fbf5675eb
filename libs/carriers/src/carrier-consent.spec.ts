import { describeCarrierError, telnyxErrorOf, telnyxErrorSignal, telnyxInboundSignal, twilioErrorOf, twilioErrorSignal, twilioInboundSignal } from './carrier-consent';

describe("what the carriers already know about consent", () => {
  it("reads Twilio's OptOutType, whatever its case, and nothing else", () => {
    expect(twilioInboundSignal('STOP')).toMatchObject({ carrier: 'twilio', kind: 'optOut', classification: 'STOP' });
    expect(twilioInboundSignal('start')).toMatchObject({ kind: 'optIn', classification: 'START' });
    expect(twilioInboundSignal('HELP')).toMatchObject({ kind: 'help' });
    expect(twilioInboundSignal(undefined)).toBeUndefined();
    expect(twilioInboundSignal('')).toBeUndefined();
    expect(twilioInboundSignal('MAYBE')).toBeUndefined();
  });

  it("reads Telnyx's autoresponse_type, its documented values and the auto-response ops", () => {
    expect(telnyxInboundSignal('STOP')).toMatchObject({ carrier: 'telnyx', kind: 'optOut', classification: 'STOP' });
    expect(telnyxInboundSignal('start')).toMatchObject({ kind: 'optIn' });
    expect(telnyxInboundSignal('info')).toMatchObject({ kind: 'help', classification: 'INFO' });
    expect(telnyxInboundSignal('custom_greeting')).toBeUndefined();
    expect(telnyxInboundSignal(null)).toBeUndefined();
    expect(telnyxInboundSignal(42)).toBeUndefined();
  });

  it("reads Twilio's error body and treats only 21610 as an opt-out", () => {
    const body = JSON.stringify({ code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 });
    const error = twilioErrorOf(body);
    expect(error).toEqual({ code: '21610', message: 'Attempt to send to unsubscribed recipient', moreInfo: 'https://www.twilio.com/docs/errors/21610' });
    expect(twilioErrorSignal(error)).toMatchObject({ kind: 'optOut', classification: '21610', detail: 'Twilio error 21610: Attempt to send to unsubscribed recipient (https://www.twilio.com/docs/errors/21610)' });
    expect(twilioErrorSignal(twilioErrorOf(JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number." })))).toBeUndefined();
    expect(twilioErrorOf('<html>bad gateway</html>')).toBeNull();
    expect(twilioErrorOf(JSON.stringify({ message: 'no code' }))).toBeNull();
    expect(twilioErrorOf(null)).toBeNull();
  });

  it("reads Telnyx's errors[] and treats only 40300 as an opt-out", () => {
    const body = JSON.stringify({ errors: [{ code: '40300', title: 'Blocked due to STOP message', detail: "Messages cannot be sent from '+1' to '+2' due to an existing block rule." }] });
    expect(telnyxErrorOf(body)).toEqual({ code: '40300', message: "Blocked due to STOP message: Messages cannot be sent from '+1' to '+2' due to an existing block rule.", moreInfo: null });
    expect(telnyxErrorSignal(JSON.parse(body).errors)).toMatchObject({ carrier: 'telnyx', kind: 'optOut', classification: '40300' });
    expect(telnyxErrorSignal([{ code: 40300 }])).toMatchObject({ classification: '40300' });
    expect(telnyxErrorSignal([{ code: '40001', title: 'Not routable' }])).toBeUndefined();
    expect(telnyxErrorSignal('40300')).toBeUndefined();
    expect(telnyxErrorOf(JSON.stringify({ errors: [] }))).toBeNull();
  });

  it('keeps what it records short', () => {
    expect(describeCarrierError('Twilio', { code: '1', message: 'x'.repeat(1000), moreInfo: null })).toHaveLength(500);
  });
});
