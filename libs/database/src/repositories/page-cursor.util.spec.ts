import { decodePageCursor, encodePageCursor } from './page-cursor.util';

describe('page cursors', () => {
  it('round-trips microseconds and id', () => {
    const cursor = { createdUs: '1764170000123456', id: '7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11' };
    expect(decodePageCursor(encodePageCursor(cursor))).toEqual(cursor);
  });

  it('refuses what it did not make', () => {
    expect(decodePageCursor('nonsense')).toBeNull();
    expect(decodePageCursor(Buffer.from('1.2').toString('base64url'))).toBeNull();
  });

  it.each([
    `99999999999999999999.7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11`,
    `9223372036854775807.7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11`,
    `1.${'-'.repeat(36)}`,
    `1.7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c1g`,
    `1.7d3c3a525a2f4a2e9a592b1f0e6b7c11----`,
    `1.7d3c3a52-5a2f-4a2e-9a59-2b1f0e6b7c11.x`,
  ])('refuses a tampered cursor %s, which Postgres would fail on (issue 13, item 9)', (tampered) => {
    expect(decodePageCursor(Buffer.from(tampered).toString('base64url'))).toBeNull();
  });
});
