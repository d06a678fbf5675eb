import { correlationFieldsOf } from './correlation.util';

describe('correlationFieldsOf', () => {
  it('takes the payload’s own correlation id', () => {
    expect(correlationFieldsOf({ v: 1, eventId: 'e', correlationId: 'in-abc' })).toEqual({ correlationId: 'in-abc' });
  });

  it('lists the ids of a batch, once each, and collapses a batch of one', () => {
    const message = (id: string) => ({ messageId: id, correlationId: `in-${id}` });
    expect(correlationFieldsOf({ v: 1, messages: [message('a')] })).toEqual({ correlationId: 'in-a' });
    expect(correlationFieldsOf({ v: 1, messages: [message('a'), message('b'), message('a')] })).toEqual({ correlationIds: ['in-a', 'in-b'] });
  });

  it('has nothing to say about payloads without ids', () => {
    expect(correlationFieldsOf({ v: 1, deliveryId: 'd' })).toEqual({});
    expect(correlationFieldsOf({ v: 1, messages: [{ messageId: 'a' }] })).toEqual({});
    expect(correlationFieldsOf(null)).toEqual({});
    expect(correlationFieldsOf('text')).toEqual({});
  });
});
