import { decodeBlocklistCursor, encodeBlocklistCursor, searchRangeOf } from './blocklist-cursor.util';

describe('block list paging and search', () => {
  it('round-trips a cursor and refuses one it did not give out', () => {
    expect(decodeBlocklistCursor(encodeBlocklistCursor('+12025550100'))).toBe('+12025550100');
    expect(decodeBlocklistCursor('not-a-cursor')).toBeNull();
    expect(decodeBlocklistCursor(Buffer.from("p1:+1'; drop").toString('base64url'))).toBeNull();
  });

  it('turns a number prefix into a range of the phone index', () => {
    expect(searchRangeOf('+1202')).toEqual({ from: '+1202', to: '+1203' });
    expect(searchRangeOf('1 (202) 55')).toEqual({ from: '+120255', to: '+120256' });
    expect(searchRangeOf('+1209')).toEqual({ from: '+1209', to: '+121' });
    expect(searchRangeOf('+4499')).toEqual({ from: '+4499', to: '+45' });
    expect(searchRangeOf('99')).toEqual({ from: '+99', to: null });
    expect(searchRangeOf('abc')).toEqual({ error: expect.stringContaining('E.164') });
    expect(searchRangeOf('+')).toEqual({ error: expect.any(String) });
  });

  it('covers exactly the numbers that start with the prefix', () => {
    const numbers = ['+1202', '+12020000000', '+12029999999', '+1203', '+1201999', '+120', '+1209', '+12099', '+121'];
    const within = (prefix: string) => {
      const range = searchRangeOf(prefix) as { from: string; to: string | null };
      return numbers.filter((n) => n >= range.from && (range.to === null || n < range.to));
    };
    for (const prefix of ['+1202', '+1209', '+12', '+120']) expect(within(prefix)).toEqual(numbers.filter((n) => n.startsWith(prefix)));
  });
});
