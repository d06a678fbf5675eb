import { nonPublicReason } from './address-policy.util';
import { targetUrlProblem } from './target-url.util';

/**
 * The SSRF address policy, one row per spelling an attacker might use. Every IPv6 form that
 * carries an IPv4 address is judged by the IPv4 address inside; only global unicast passes.
 */
describe('nonPublicReason', () => {
  it.each([
    // IPv4 ranges.
    ['0.0.0.0', 'this-network'],
    ['0.1.2.3', 'this-network'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.20.0.1', 'private'],
    ['192.0.0.170', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6 ranges.
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['fc00::1', 'unique local'],
    ['fd00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['100::1', 'discard-only'],
    ['4000::1', 'outside 2000::/3'],
    // IPv4-mapped, in every spelling the issue reproduced.
    ['::ffff:127.0.0.1', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['::FFFF:7F00:0001', 'IPv4-mapped form of 127.0.0.1, which is loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped form of 169.254.169.254, which is link-local (cloud metadata)'],
    ['::ffff:10.0.0.1', 'IPv4-mapped form of 10.0.0.1, which is private'],
    ['::ffff:0:7f00:1', 'IPv4-translated form of 127.0.0.1, which is loopback'],
    // IPv4-compatible (deprecated): the inside is judged, and the form is refused even when public.
    ['::127.0.0.1', 'IPv4-compatible form of 127.0.0.1, which is loopback'],
    ['::7f00:1', 'IPv4-compatible form of 127.0.0.1, which is loopback'],
    ['::a9fe:a9fe', 'IPv4-compatible form of 169.254.169.254'],
    ['::8.8.8.8', 'IPv4-compatible (deprecated, not global)'],
    // NAT64, well-known and local-use prefixes.
    ['64:ff9b::7f00:1', 'NAT64 form of 127.0.0.1, which is loopback'],
    ['64:ff9b::127.0.0.1', 'NAT64 form of 127.0.0.1, which is loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 form of 169.254.169.254'],
    ['64:ff9b::c0a8:1', 'NAT64 form of 192.168.0.1, which is private'],
    ['64:ff9b:1::7f00:1', 'local-use NAT64 form of 127.0.0.1, which is loopback'],
    ['64:ff9b:1::808:808', 'local-use NAT64 (64:ff9b:1::/48, not global)'],
    // 6to4.
    ['2002:7f00:1::', '6to4 form of 127.0.0.1, which is loopback'],
    ['2002:a9fe:a9fe::1', '6to4 form of 169.254.169.254'],
    ['2002:0a00:0001::', '6to4 form of 10.0.0.1, which is private'],
    // Teredo: server IPv4 in clear, client IPv4 inverted.
    ['2001:0:7f00:1::', 'Teredo form of 127.0.0.1, which is loopback'],
    ['2001:0:808:808::80ff:fffe', 'Teredo form of 127.0.0.1, which is loopback'],
    ['2001:0:808:808::5601:5601', 'Teredo form of 169.254.169.254'],
    // Not IP addresses at all: refused (fails closed).
    ['localhost', 'not an IP address'],
    ['127.1', 'not an IP address'],
    ['0x7f.0.0.1', 'not an IP address'],
    ['', 'not an IP address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(nonPublicReason(address)).toContain(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81c::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2001:0:808:808::f7f7:f7f7',
  ])('accepts global unicast %s', (address) => {
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
