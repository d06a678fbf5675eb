import { bearerToken, constantTimeEquals, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key.util';

describe('api keys', () => {
  it('generates distinct keys whose hash is what is stored', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^ook_[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.prefix).toBe(a.key.slice(0, 12));
  });

  it('tells a string shaped like an issued key from anything else', () => {
    expect(isWellFormedApiKey(generateApiKey().key)).toBe(true);
    expect(isWellFormedApiKey('ook_short')).toBe(false);
    expect(isWellFormedApiKey(`ook_${'a'.repeat(42)}!`)).toBe(false);
    expect(isWellFormedApiKey(`xyz_${'a'.repeat(43)}`)).toBe(false);
    expect(isWellFormedApiKey(`ook_${'a'.repeat(44)}`)).toBe(false);
  });

  it('reads a bearer token and nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('compares tokens', () => {
    expect(constantTimeEquals('same-token', 'same-token')).toBe(true);
    expect(constantTimeEquals('same-token', 'other')).toBe(false);
  });
});
