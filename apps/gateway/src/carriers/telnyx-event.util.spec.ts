import { telnyxEventAction } from './telnyx-event.util';

const inbound = (payload: Record<string, unknown>) => ({ data: { event_type: 'message.received', id: 'e1', occurred_at: '2026-12-01T10:00:00.000+00:00', payload }, meta: { attempt: 1 } });
const text = {
  id: 'b0a1c2d3-0000-4000-8000-000000000001',
  direction: 'inbound',
  text: 'STOP',
  from: { phone_number: '+12025550199' },
  to: [{ phone_number: '+12025550100' }],
  received_at: '2026-12-01T10:00:00.503+00:00',
};

describe("Telnyx's webhook events", () => {
  it('turns message.received into the fields of /v1/inbound, keeping the Telnyx id and received_at', () => {
    expect(telnyxEventAction(inbound(text))).toEqual({
      action: 'ingest',
      message: { messageId: text.id, from: '+12025550199', to: '+12025550100', body: 'STOP', receivedAt: '2026-12-01T10:00:00.503Z' },
      signal: undefined,
    });
    expect(telnyxEventAction(inbound({ ...text, autoresponse_type: 'STOP' }))).toMatchObject({ action: 'ingest', signal: { kind: 'optOut', classification: 'STOP' } });
    expect(telnyxEventAction(inbound({ ...text, text: undefined }))).toMatchObject({ action: 'ingest', message: { body: '' } });
  });

  it('names each missing or malformed field as Telnyx names it', () => {
    const fieldsOf = (event: unknown) => {
      const action = telnyxEventAction(event);
      return action.action === 'invalid' ? action.problems.map((problem) => problem.field) : [];
    };
    expect(fieldsOf(inbound({ ...text, id: undefined, from: {}, to: [] }))).toEqual(['data.payload.id', 'data.payload.from.phone_number', 'data.payload.to[0].phone_number']);
    expect(fieldsOf(inbound({ ...text, received_at: 'yesterday' }))).toEqual(['data.payload.received_at']);
    expect(fieldsOf(inbound({ ...text, text: 'x'.repeat(1601) }))).toEqual(['data.payload.text']);
    expect(fieldsOf({ nothing: true })).toEqual(['data.event_type']);
    expect(fieldsOf(null)).toEqual(['data.event_type']);
  });

  it('turns a 40300 on message.sent or message.finalized into an opt-out of the recipient', () => {
    const refused = (eventType: string) => ({
      data: {
        event_type: eventType,
        payload: { id: 'out-1', from: { phone_number: '+12025550100' }, to: [{ phone_number: '+12025550199' }], errors: [{ code: '40300', title: 'Blocked due to STOP message' }] },
      },
    });
    for (const eventType of ['message.sent', 'message.finalized']) {
      expect(telnyxEventAction(refused(eventType))).toMatchObject({
        action: 'ingest',
        message: { messageId: 'telnyx-status:out-1', from: '+12025550199', to: '+12025550100', body: '' },
        signal: { carrier: 'telnyx', kind: 'optOut', classification: '40300' },
      });
    }
  });

  it('acknowledges and ignores every other event', () => {
    expect(telnyxEventAction({ data: { event_type: 'message.finalized', payload: { id: 'x', errors: [{ code: '40001' }] } } })).toEqual({ action: 'ignore', eventType: 'message.finalized' });
    expect(telnyxEventAction({ data: { event_type: 'call.initiated', payload: {} } })).toEqual({ action: 'ignore', eventType: 'call.initiated' });
  });
});
