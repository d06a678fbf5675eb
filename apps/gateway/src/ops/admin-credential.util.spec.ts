import { adminCredentialOf, isAdmin } from './admin-credential.util';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const TOKEN = 'admin-token-0123456789';

describe('adminCredentialOf', () => {
  it('reads a bearer token', () => {
    expect(adminCredentialOf(`Bearer ${TOKEN}`)).toBe(TOKEN);
  });

  it('reads the password of basic auth, whatever the user name, colons included', () => {
    expect(adminCredentialOf(basic('admin', TOKEN))).toBe(TOKEN);
    expect(adminCredentialOf(basic('', 'a:b:c'))).toBe('a:b:c');
  });

  it('has nothing for a missing, empty or malformed header', () => {
    expect(adminCredentialOf(undefined)).toBeNull();
    expect(adminCredentialOf(basic('admin', ''))).toBeNull();
    expect(adminCredentialOf('Basic !!!')).toBeNull();
    expect(adminCredentialOf('Digest abc')).toBeNull();
  });
});

describe('isAdmin', () => {
  it('accepts the admin token either way and nothing else', () => {
    expect(isAdmin(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(isAdmin(basic('ops', TOKEN), TOKEN)).toBe(true);
    expect(isAdmin(basic(TOKEN, 'wrong'), TOKEN)).toBe(false);
    expect(isAdmin(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
  });

  it('refuses everyone when no admin token is configured', () => {
    expect(isAdmin('Bearer anything', null)).toBe(false);
  });
});
