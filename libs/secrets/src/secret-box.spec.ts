import { randomBytes } from 'node:crypto';
import { generateSecretsKey, SecretBox, SecretKeyMissingError, sealedKeyIdOf } from './secret-box';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('SecretBox', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('seals with AES-256-GCM under the current key id, a fresh nonce each time, and opens it again', () => {
    const box = new SecretBox(k1);
    const a = box.seal('whsec_c2VjcmV0');
    const b = box.seal('whsec_c2VjcmV0');
    expect(a).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('c2VjcmV0');
    expect(box.open(a)).toBe('whsec_c2VjcmV0');
    expect(sealedKeyIdOf(a)).toBe('k1');
  });

  it('opens values of a previous key after rotation, and says which need re-sealing', () => {
    const old = new SecretBox(k1).seal('token');
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.open(old)).toBe('token');
    expect(rotated.isSealedWithCurrentKey(old)).toBe(false);
    expect(rotated.isSealedWithCurrentKey(rotated.seal('token'))).toBe(true);
  });

  it('refuses a value sealed with a key it does not hold, and a tampered one', () => {
    const sealed = new SecretBox(k1).seal('token');
    expect(() => new SecretBox(k2).open(sealed)).toThrow(SecretKeyMissingError);
    const body = Buffer.from(sealed.split(':')[3], 'base64url');
    body[body.length - 20] ^= 1;
    expect(() => new SecretBox(k1).open(`enc:v1:k1:${body.toString('base64url')}`)).toThrow();
  });

  it('opens a plaintext row as itself (written before encryption)', () => {
    expect(new SecretBox(k1).open('whsec_legacy')).toBe('whsec_legacy');
    expect(sealedKeyIdOf('whsec_legacy')).toBeNull();
  });

  it('takes only 32-byte keys with a plain id', () => {
    expect(() => new SecretBox({ id: 'k1', key: randomBytes(16) })).toThrow('32 bytes');
    expect(() => new SecretBox({ id: 'a:b', key: randomBytes(32) })).toThrow('letters');
    expect(generateSecretsKey('local')).toMatch(/^local:[A-Za-z0-9+/]{43}=$/);
  });
});
