import Fastify from 'fastify';
import { loadConfig } from '@optout/config';
import { trustProxyOf } from './trust-proxy';

/**
 * Which address a request counts as coming from (`request.ip`, what the failed-authentication
 * limit keys on) under each TRUST_PROXY, through Fastify as the gateway configures it.
 */
async function clientAddress(trustProxy: string | undefined, remoteAddress: string, forwardedFor?: string): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app', ...(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }) });
  const app = Fastify({ trustProxy: trustProxyOf(config) });
  app.get('/', async (request) => request.ip);
  try {
    const response = await app.inject({ url: '/', remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return response.body;
  } finally {
    await app.close();
  }
}

describe('the client address under TRUST_PROXY', () => {
  it('by default believes only proxies on this host or a private network: a caller on the internet cannot choose its address', async () => {
    expect(await clientAddress(undefined, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    // A load balancer on a private network appends the caller's address; what the caller forged before it is not believed.
    expect(await clientAddress(undefined, '10.0.0.5', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress(undefined, '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress(undefined, 'fd00::5', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('reads addresses in their IPv4-mapped IPv6 form (a dual-stack listener) and forwarded entries that are not addresses alike', async () => {
    expect(await clientAddress(undefined, '::ffff:203.0.113.9', '198.51.100.1')).toBe('::ffff:203.0.113.9');
    expect(await clientAddress(undefined, '::ffff:10.0.0.5', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress(undefined, '203.0.113.9', 'not-an-address, 127.0.0.1')).toBe('203.0.113.9');
  });

  it('with 1 (one load balancer) takes the address that balancer saw, not the one the caller wrote', async () => {
    expect(await clientAddress('1', '203.0.113.50', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('with true believes the whole header (every caller behind a proxy that overwrites it), with false none of it', async () => {
    expect(await clientAddress('true', '203.0.113.50', '198.51.100.1, 203.0.113.9')).toBe('198.51.100.1');
    expect(await clientAddress('false', '10.0.0.5', '198.51.100.1')).toBe('10.0.0.5');
  });

  it('with proxy addresses believes those proxies only', async () => {
    expect(await clientAddress('192.0.2.10', '192.0.2.10', '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress('192.0.2.10', '10.0.0.5', '203.0.113.9')).toBe('10.0.0.5');
  });
});
