import fc from 'fast-check';
import { countryOfPhone, normalisePhone, normaliseSender, toE164 } from './phone-number.util';

describe('normalisePhone', () => {
  it.each([
    ['+12025550199', undefined, '+12025550199', 'US'],
    ['(202) 555-0199', 'US', '+12025550199', 'US'],
    ['+44 7700 123456', undefined, '+447700123456', 'GB'],
    ['+1 514 555 0100', undefined, '+15145550100', 'CA'],
  ])('reads %s (default %s) as %s in %s', (raw, country, e164, expected) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, e164, country: expected });
  });

  it('accepts a number whose country code the metadata does not know, with no country', () => {
    expect(normalisePhone('+999123456789')).toEqual({ ok: true, e164: '+999123456789', country: null });
  });

  it.each([
    ['call me', 'contains letters'],
    ['+1202555019', 'impossible for country code +1'],
    ['', 'is empty'],
    ['2025550199', 'no default country'],
  ])('refuses %j and says why', (raw, reason) => {
    const result = normalisePhone(raw);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toContain(reason);
  });
});

describe('normaliseSender', () => {
  it('keeps a short code as it is', () => {
    expect(normaliseSender('55555')).toEqual({ ok: true, e164: '55555', country: null });
  });
  it('normalises a full number', () => {
    expect(normaliseSender('+1 202 555 0199')).toMatchObject({ ok: true, e164: '+12025550199' });
  });
});

describe('countryOfPhone', () => {
  it('derives the country from an E.164 number', () => {
    expect(countryOfPhone('+447700123456')).toBe('GB');
    expect(countryOfPhone('+999123456789')).toBeNull();
  });
});

describe('toE164', () => {
  it('gives the same answer as normalisePhone, shortcut or not', () => {
    const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const candidates = fc.oneof(
      digits(10, 10).map((d) => `+1${d}`),
      digits(8, 12).map((d) => `+1${d}`),
      digits(6, 15).map((d) => `+${d}`),
      digits(10, 10).map((d) => ` +1${d} `),
    );
    fc.assert(
      fc.property(candidates, fc.constantFrom(null, 'US', 'GB'), (raw, country) => {
        const expected = normalisePhone(raw, country);
        const actual = toE164(raw, country);
        expect(actual.ok).toBe(expected.ok);
        if (actual.ok && expected.ok) expect(actual.e164).toBe(expected.e164);
      }),
      { numRuns: 5_000 },
    );
  });
});
