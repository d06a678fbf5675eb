import { compileAnchorIndex } from './anchor-index';
import { anchorSet } from './phrase-rule';

describe('compileAnchorIndex', () => {
  const anchoredIn = compileAnchorIndex([anchorSet('stop* no remove'), anchorSet('baja no para*')]);

  it('finds whole words in the languages that list them', () => {
    expect(anchoredIn(['remove'])).toBe(0b01);
    expect(anchoredIn(['baja'])).toBe(0b10);
    expect(anchoredIn(['no'])).toBe(0b11);
  });

  it('finds word beginnings, the beginning alone included', () => {
    expect(anchoredIn(['stopping'])).toBe(0b01);
    expect(anchoredIn(['stop'])).toBe(0b01);
    expect(anchoredIn(['parad'])).toBe(0b10);
  });

  it('does not take a whole word for a beginning, nor a word for one it begins', () => {
    expect(anchoredIn(['removed'])).toBe(0);
    expect(anchoredIn(['remov'])).toBe(0);
    expect(anchoredIn(['nobody'])).toBe(0);
    expect(anchoredIn(['sto'])).toBe(0);
  });

  it('adds up the languages of every word of a clause, and reads no other letters', () => {
    expect(anchoredIn(['please', 'stop', 'baja'])).toBe(0b11);
    expect(anchoredIn(['thanks', 'see', 'you', 'tomorrow'])).toBe(0);
    expect(anchoredIn(['stöp', 'ba-ja'])).toBe(0);
    expect(anchoredIn([])).toBe(0);
  });

  it('refuses an anchor it could never meet', () => {
    expect(() => compileAnchorIndex([anchorSet('arrêt')])).toThrow(/lower-case letters and digits only: arrêt/);
  });
});
