import type { ArgumentsHost } from '@nestjs/common';
import { ConflictError, NotFoundError, RefusedByPolicyError, UnavailableError } from '@optout/contracts';
import { ApiExceptionFilter } from './api-exception.filter';

/** What the filter answers for an exception: status, headers and body as Fastify would send them. */
function answerTo(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    headers(values: Record<string, string>) {
      sent.headers = values;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

describe('ApiExceptionFilter with domain errors', () => {
  it('answers "unavailable" with 503 and its Retry-After', () => {
    expect(answerTo(new UnavailableError('gate_unavailable', 'The gate is away', 2))).toEqual({
      status: 503,
      headers: { 'retry-after': '2', 'content-type': 'application/json; charset=utf-8' },
      body: { error: { code: 'gate_unavailable', message: 'The gate is away', details: [] } },
    });
  });

  it('answers "not found" with 404, "conflict" with 409', () => {
    expect(answerTo(new NotFoundError('Delivery d1'))).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'Delivery d1 was not found' } } });
    expect(answerTo(new ConflictError('delivery_in_progress', 'still being sent'))).toMatchObject({ status: 409, body: { error: { code: 'delivery_in_progress' } } });
  });

  it('answers "refused by policy" with 400 naming the field', () => {
    expect(answerTo(new RefusedByPolicyError('target_refused', 'url points to a private address', 'url'))).toMatchObject({
      status: 400,
      body: { error: { code: 'target_refused', details: [{ field: 'url', rule: 'target_refused', message: 'url points to a private address' }] } },
    });
  });
});
