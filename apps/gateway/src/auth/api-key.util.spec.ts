import { bearerToken, constantTimeEquals, generateApiKey, hashApiKey } from './api-key.util';

describe('api keys', () => {
  it('generates distinct keys whose hash is what is stored', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^ook_[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.prefix).toBe(a.key.slice(0, 12));
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
