import { nonPublicReason } from './address-policy.util';
import { targetUrlProblem } from './target-url.util';

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.1.1', 'private'],
    ['172.20.0.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['fd00::1', 'unique local (private)'],
  ])('refuses %s as %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '2606:4700:4700::1111', '172.32.0.1'])('accepts public %s', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });
});

describe('targetUrlProblem', () => {
  const publicDns = { allowPrivate: false, resolve: async () => ['93.184.216.34'] };

  it('accepts a public https URL', async () => {
    await expect(targetUrlProblem('https://crm.example.com/hooks', publicDns)).resolves.toBeNull();
  });

  it('refuses other schemes and credentials', async () => {
    await expect(targetUrlProblem('ftp://example.com', publicDns)).resolves.toContain('only http and https');
    await expect(targetUrlProblem('https://u:p@example.com', publicDns)).resolves.toContain('credentials');
    await expect(targetUrlProblem('not a url', publicDns)).resolves.toBe('is not an absolute URL');
  });

  it('refuses a name that resolves to a private address', async () => {
    const rebinding = { allowPrivate: false, resolve: async () => ['93.184.216.34', '10.0.0.5'] };
    await expect(targetUrlProblem('https://evil.example.com', rebinding)).resolves.toContain('10.0.0.5 (private)');
  });

  it('refuses literal loopback unless private targets are allowed', async () => {
    await expect(targetUrlProblem('http://127.0.0.1:8080/x', publicDns)).resolves.toContain('loopback');
    await expect(targetUrlProblem('http://[::1]:8080/x', publicDns)).resolves.toContain('loopback');
    await expect(targetUrlProblem('http://127.0.0.1:8080/x', { allowPrivate: true })).resolves.toBeNull();
  });
});
