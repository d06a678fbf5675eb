import { ISO_3166_1_ALPHA2, ISO_639_1, PHONE_REGION_EXTRA_CODES, isCountryCode, isLanguageCode } from './iso-codes';

describe('ISO code lists', () => {
  it('ships the 249 assigned ISO 3166-1 alpha-2 codes, upper case, unique', () => {
    expect(ISO_3166_1_ALPHA2).toHaveLength(249);
    expect(new Set(ISO_3166_1_ALPHA2).size).toBe(249);
    for (const code of ISO_3166_1_ALPHA2) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('ships the 183 current ISO 639-1 codes, lower case, unique', () => {
    expect(ISO_639_1).toHaveLength(183);
    expect(new Set(ISO_639_1).size).toBe(183);
    for (const code of ISO_639_1) expect(code).toMatch(/^[a-z]{2}$/);
  });

  it('accepts the regions phone metadata reports beyond the official list', () => {
    expect(PHONE_REGION_EXTRA_CODES).toEqual(['AC', 'TA', 'XK']);
    for (const code of PHONE_REGION_EXTRA_CODES) expect(isCountryCode(code)).toBe(true);
  });

  it.each(['US', 'CA', 'GB', 'FR', 'AQ', 'SS', 'XK'])('knows country %s', (code) => expect(isCountryCode(code)).toBe(true));
  it.each(['UK', 'EU', 'ZZ', 'ca', 'USA', ''])('refuses country %j', (code) => expect(isCountryCode(code)).toBe(false));
  it.each(['en', 'fr', 'es', 'pt', 'zh', 'he', 'yi'])('knows language %s', (code) => expect(isLanguageCode(code)).toBe(true));
  it.each(['iw', 'in', 'sh', 'EN', 'eng', 'fr-CA', ''])('refuses language %j', (code) => expect(isLanguageCode(code)).toBe(false));
});
