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
});
