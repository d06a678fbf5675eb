import { decodeUtf8Strictly } from './body-parsers';
import { routerErrorResponse } from './fastify-options';

describe('decodeUtf8Strictly', () => {
  it('decodes UTF-8, any script', () => {
    expect(decodeUtf8Strictly(Buffer.from('{"body":"СТОП ✋"}'))).toBe('{"body":"СТОП ✋"}');
  });

  it.each([
    ['a lone 0xFF', [0x7b, 0xff, 0x7d]],
    ['a truncated two-byte sequence', [0x22, 0xc3, 0x22]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
  ])('refuses %s rather than replacing it with U+FFFD', (_, bytes) => {
    expect(decodeUtf8Strictly(Buffer.from(bytes))).toBeNull();
  });
});

describe('routerErrorResponse', () => {
  it("answers Fastify's router errors in the API's error shape", () => {
    expect(routerErrorResponse({ code: 'FST_ERR_BAD_URL', statusCode: 400 })).toEqual({
      status: 400,
      body: { error: { code: 'bad_url', message: expect.stringContaining('percent-encoded UTF-8'), details: [] } },
    });
    expect(routerErrorResponse({ code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 })).toMatchObject({ status: 414, body: { error: { code: 'uri_too_long' } } });
  });

  it('never turns a router error into a 5xx', () => {
    expect(routerErrorResponse({ code: 'FST_ERR_ASYNC_CONSTRAINT', statusCode: 500 }).status).toBe(400);
  });
});
