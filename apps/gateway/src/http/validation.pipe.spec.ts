import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { ListBlocklistQuery } from '../blocklist-api/blocklist.dto';
import { ReplyTransportDto } from '../reply-transport/reply-transport.dto';
import { ApiException } from './api.exception';
import { createValidationPipe } from './validation.pipe';

/** What the global pipe answers for a value of a DTO: the details of its 400, or null when valid. */
async function detailsOf(metatype: ArgumentMetadata['metatype'], value: unknown, type: ArgumentMetadata['type'] = 'body') {
  try {
    await createValidationPipe().transform(value, { type, metatype });
    return null;
  } catch (error) {
    if (error instanceof ApiException) return error.details;
    throw error;
  }
}

describe('the validation pipe', () => {
  it('reports the rule written first for a field (its type), not the last one class-validator ran', async () => {
    expect(await detailsOf(ListBlocklistQuery, { limit: 'abc' }, 'query')).toEqual([{ field: 'limit', rule: 'is_int', message: 'limit must be a whole number' }]);
    expect(await detailsOf(ListBlocklistQuery, { limit: ['1', '2'] }, 'query')).toEqual([{ field: 'limit', rule: 'is_int', message: 'limit must be a whole number' }]);
    expect(await detailsOf(ListBlocklistQuery, { limit: '1001' }, 'query')).toEqual([{ field: 'limit', rule: 'max', message: 'limit must not be greater than 1000' }]);
    expect(await detailsOf(ListBlocklistQuery, { limit: '25' }, 'query')).toBeNull();
  });

  it("says a carrier's field is required, not that a missing one breaks its format", async () => {
    expect(await detailsOf(ReplyTransportDto, { type: 'http' })).toEqual([
      { field: 'url', rule: 'is_string', message: 'url is required for type "http" (where confirmations are POSTed)' },
    ]);
    expect((await detailsOf(ReplyTransportDto, { type: 'twilio' }))?.map((detail) => detail.message)).toEqual(['accountSid is required for type "twilio"', 'authToken is required for type "twilio"']);
    expect(await detailsOf(ReplyTransportDto, { type: 'telnyx', apiKey: ['KEY12345678'], publicKey: { a: 1 } })).toEqual([
      { field: 'apiKey', rule: 'is_string', message: 'apiKey is required for type "telnyx" (a Telnyx API v2 key, "KEY…")' },
      { field: 'publicKey', rule: 'is_string', message: 'publicKey is required for type "telnyx" (the public key in the Telnyx portal, which signs its webhooks)' },
    ]);
    expect(await detailsOf(ReplyTransportDto, { type: 'twilio', accountSid: 'AC0123', authToken: '12345678' })).toEqual([
      { field: 'accountSid', rule: 'matches', message: 'accountSid must be a Twilio account SID: "AC" followed by 32 hexadecimal characters' },
    ]);
  });
});
