import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, validateSync } from 'class-validator';
import fc from 'fast-check';
import { gateCheckProblems } from '../gate/gate-check.rules';
import { flattenValidationErrors } from '../http/validation.pipe';
import { inboundBatchProblems, inboundMessageProblems } from './inbound-message.rules';

/**
 * The hot routes' bodies used to be checked by these class-validator DTOs. The hand-written
 * rules must accept exactly what they accepted and flag the same fields.
 */
class PreviousInboundMessage {
  @IsUUID('all') accountId!: string;
  @IsString() @Length(1, 200) messageId!: string;
  @IsString() @Length(1, 64) from!: string;
  @IsString() @Length(1, 64) to!: string;
  @IsString() @MaxLength(1600) body!: string;
  @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
}

class PreviousBatch {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) messages!: unknown[];
}

class PreviousGateCheck {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(64, { each: true }) phones!: string[];
}

function previous(type: new () => object, value: object): string[] {
  const errors = flattenValidationErrors(validateSync(plainToInstance(type, value), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }));
  return [...new Set(errors.map((error) => error.field?.replace(/\[\d+\]$/, '') ?? ''))].sort();
}

function fieldsOf(details: Array<{ field?: string }>): string[] {
  return [...new Set(details.map((detail) => detail.field?.replace(/\[\d+\]$/, '') ?? ''))].sort();
}

const ACCOUNT = '5b2f1a66-0d7c-4f7e-9d59-6a8d3c1e2f10';
const valid = { accountId: ACCOUNT, messageId: 'SM1', from: '+12025550199', to: '55555', body: 'STOP' };

/** Strings near every boundary the rules have: empty, lengths around 1, 64, 200, 1600, emoji and selectors, dates. */
const tricky = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 70 }),
  fc.integer({ min: 0, max: 1700 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 0, max: 70 }).map((n) => '☎️'.repeat(n)),
  fc.integer({ min: 0, max: 70 }).map((n) => '𝄞'.repeat(n)),
  fc.constantFrom('\uFE0F', '\uFE0F\uFE0F', 'a\uFE0F', ACCOUNT, ACCOUNT.toUpperCase(), '00000000-0000-0000-0000-000000000000', '2026-11-26T12:00:00Z', '2026-11-26', '2026-11-26T25:00:00Z', '2026-W48', '2026-02-30'),
);
const anyValue = fc.oneof(tricky, fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.array(tricky, { maxLength: 2 }), fc.object({ maxDepth: 1 }));

describe('the hot routes’ body rules', () => {
  it('accept a valid message and name every bad field with its rule', () => {
    expect(inboundMessageProblems(valid)).toEqual([]);
    expect(inboundMessageProblems({ ...valid, receivedAt: null })).toEqual([]);
    expect(inboundMessageProblems({ ...valid, messageId: '', body: 'x'.repeat(1601), receivedAt: 'soon', extra: 1 })).toEqual([
      { field: 'messageId', rule: 'is_length', message: 'messageId must be a string of 1 to 200 characters' },
      { field: 'body', rule: 'max_length', message: 'body must be shorter than or equal to 1600 characters' },
      { field: 'receivedAt', rule: 'is_iso8601', message: expect.stringContaining('ISO-8601') },
      { field: 'extra', rule: 'unknown_field', message: 'extra is not a known field' },
    ]);
    expect(inboundMessageProblems({ ...valid, accountId: 'acme', from: undefined })).toEqual([
      { field: 'accountId', rule: 'is_uuid', message: 'accountId must be the id of your account (a UUID)' },
      { field: 'from', rule: 'is_string', message: 'from is required (a string of 1 to 64 characters)' },
    ]);
    expect(inboundMessageProblems([])).toEqual([{ rule: 'is_object', message: 'the body must be a JSON object' }]);
  });

  it('refuse what the class-validator DTO refused, and only that, field by field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(valid), 'receivedAt', 'extra'), anyValue), (changes) => {
        const message = { ...valid, ...changes };
        for (const [key, value] of Object.entries(changes)) if (value === undefined) delete (message as Record<string, unknown>)[key];
        expect(fieldsOf(inboundMessageProblems(message))).toEqual(previous(PreviousInboundMessage, message));
      }),
      { numRuns: 500 },
    );
  });

  it('check a batch’s envelope and a gate check’s numbers as the DTOs did', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.constantFrom(Array(999).fill(valid), Array(1000).fill(valid), Array(1001).fill(valid))), fc.option(anyValue), (messages, extra) => {
        const body: Record<string, unknown> = { messages, ...(extra === null ? {} : { extra }) };
        expect(fieldsOf(inboundBatchProblems(body))).toEqual(previous(PreviousBatch, body));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.array(anyValue, { maxLength: 5 }), fc.constantFrom(Array(1000).fill('+12025550199'), Array(1001).fill('+12025550199'))), (phones) => {
        const body = { phones };
        expect(fieldsOf(gateCheckProblems(body))).toEqual(previous(PreviousGateCheck, body));
      }),
      { numRuns: 300 },
    );
  });
});
