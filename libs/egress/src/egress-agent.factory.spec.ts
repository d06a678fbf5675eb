import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createEgressAgent } from './egress-agent.factory';
import { isEgressRefusal } from './egress-refused.error';
import { guardedLookup, publicAddressesOnly } from './guarded-lookup.util';
import { targetUrlProblem } from './target-url.util';

/** A real socket on loopback: what "the address the check approved" connects to here. */
describe('createEgressAgent', () => {
  let server: Server;
  let port: number;
  const hosts: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  const post = async (url: string, agent: ReturnType<typeof createEgressAgent>) => {
    try {
      return { status: (await request(url, { method: 'POST', body: '{}', dispatcher: agent })).statusCode, error: null };
    } catch (error) {
      return { status: null, error };
    }
  };

  it('connects to the address it resolved and checked, not to a second answer', async () => {
    let lookups = 0;
    // Allows loopback so that the test can connect; the name resolves only through this resolver.
    const agent = createEgressAgent({
      allowPrivate: false,
      connectTimeoutMs: 2_000,
      resolve: async () => {
        lookups += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
      check: (address) => (address === '127.0.0.1' ? null : 'not the test server'),
    });
    expect(await post(`http://crm.invalid:${port}/hook`, agent)).toEqual({ status: 204, error: null });
    expect(lookups).toBe(1);
    expect(hosts).toContain(`crm.invalid:${port}`);
    await agent.close();
  });

  it('defeats DNS rebinding: public at registration, loopback when connecting', async () => {
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    const rebinding = async () => (answers.shift() ?? []).map((address) => ({ address, family: 4 }));
    const registration = await targetUrlProblem(`http://rebind.invalid:${port}/`, {
      allowPrivate: false,
      resolve: async () => (await rebinding()).map((entry) => entry.address),
    });
    expect(registration).toBeNull();

    const before = hosts.length;
    const agent = createEgressAgent({ allowPrivate: false, connectTimeoutMs: 2_000, resolve: rebinding });
    const result = await post(`http://rebind.invalid:${port}/`, agent);
    expect(result.status).toBeNull();
    expect(isEgressRefusal(result.error)).toBe(true);
    expect(String((result.error as Error).message)).toContain('127.0.0.1 is loopback');
    expect(hosts.length).toBe(before);
    await agent.close();
  });

  it('refuses literal private addresses, which a socket never looks up', async () => {
    const agent = createEgressAgent({ allowPrivate: false, connectTimeoutMs: 2_000 });
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::1]:${port}/`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/']) {
      const result = await post(url, agent);
      expect(result.status).toBeNull();
      expect(isEgressRefusal(result.error)).toBe(true);
    }
    await agent.close();
  });

  it('refuses IPv6 spellings of loopback and metadata at connect time, literal or resolved', async () => {
    const agent = createEgressAgent({ allowPrivate: false, connectTimeoutMs: 2_000 });
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[::ffff:a9fe:a9fe]']) {
      const result = await post(`http://${host}:${port}/`, agent);
      expect(result.status).toBeNull();
      expect(isEgressRefusal(result.error)).toBe(true);
    }
    await agent.close();
    const resolving = createEgressAgent({ allowPrivate: false, connectTimeoutMs: 2_000, resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }] });
    const result = await post(`http://mapped.invalid:${port}/`, resolving);
    expect(isEgressRefusal(result.error)).toBe(true);
    expect(String((result.error as Error).message)).toContain('IPv4-mapped form of 127.0.0.1, which is loopback');
    await resolving.close();
  });

  it('refuses a name that resolves to the cloud metadata address', async () => {
    const agent = createEgressAgent({ allowPrivate: false, connectTimeoutMs: 2_000, resolve: async () => [{ address: '169.254.169.254', family: 4 }] });
    const result = await post('http://metadata.invalid/latest', agent);
    expect(isEgressRefusal(result.error)).toBe(true);
    expect(String((result.error as Error).message)).toContain('link-local');
    await agent.close();
  });

  it('connects anywhere when private targets are allowed', async () => {
    const agent = createEgressAgent({ allowPrivate: true, connectTimeoutMs: 2_000 });
    expect(await post(`http://127.0.0.1:${port}/`, agent)).toEqual({ status: 204, error: null });
    await agent.close();
  });
});

describe('guardedLookup', () => {
  const lookupOf = (addresses: Array<[string, 4 | 6]>) =>
    guardedLookup(publicAddressesOnly, async () => addresses.map(([address, family]) => ({ address, family })));

  const call = (lookup: ReturnType<typeof guardedLookup>, options: { all?: boolean; family?: number }) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
      lookup('crm.example.com', options, (error, address, family) => done({ error, address, family })),
    );

  it('answers in the form the socket asked for', async () => {
    const lookup = lookupOf([['93.184.216.34', 4], ['2606:2800:220:1::1', 6]]);
    expect(await call(lookup, { all: true })).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }], family: undefined });
    expect(await call(lookup, {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await call(lookup, { family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses the whole name when any of its addresses is not public', async () => {
    const result = await call(lookupOf([['93.184.216.34', 4], ['10.0.0.7', 4]]), { all: true });
    expect(result.error?.code).toBe('EGRESS_REFUSED');
    expect(result.error?.message).toContain('10.0.0.7 is private');
  });

  it('passes a resolver failure on as a connection error (retried), not a refusal', async () => {
    const failing = guardedLookup(publicAddressesOnly, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    });
    const result = await call(failing, {});
    expect(result.error?.code).toBe('ENOTFOUND');
  });
});
