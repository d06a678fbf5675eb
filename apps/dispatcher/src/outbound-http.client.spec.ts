import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@optout/config';
import { OutboundHttpClient } from './outbound-http.client';

/** The client against a real socket on loopback: what it makes of each way an endpoint can behave. */
describe('OutboundHttpClient', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  const methods: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      methods.push(req.method ?? '');
      if (req.url === '/hang') return;
      if (req.url === '/moved') return void res.writeHead(302, { location: '/target' }).end();
      if (req.url === '/busy') return void res.writeHead(429, { 'retry-after': '7' }).end('slow down');
      res.writeHead(201).end('created');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  const client = (env: Record<string, string> = {}) =>
    new OutboundHttpClient(loadConfig({ DATABASE_URL: 'postgres://unused/x', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '300', ...env }));
  const post = (http: OutboundHttpClient, url: string) => http.post({ url, body: '{}', contentType: 'application/json', headers: { 'webhook-id': 'x' } });

  it('reports the status, Retry-After and latency', async () => {
    const http = client();
    expect(await post(http, `${base}/ok`)).toEqual({ status: 201, retryAfter: null, error: null, refused: false, latencyMs: expect.any(Number), answer: null });
    expect(await post(http, `${base}/busy`)).toMatchObject({ status: 429, retryAfter: '7' });
    await http.onApplicationShutdown();
  });

  it('keeps the answer of a POST that asks for it, and of a GET, with the GET sent as such', async () => {
    const http = client();
    const kept = await http.post({ url: `${base}/ok`, body: '{}', contentType: 'application/json', headers: {}, readAnswer: true });
    expect(kept).toMatchObject({ status: 201, answer: 'created' });
    const read = await http.get({ url: `${base}/listing?To=%2B1`, headers: { authorization: 'Basic x' } });
    expect(read).toMatchObject({ status: 201, answer: 'created', error: null });
    expect([methods.at(-1), seen.at(-1)]).toEqual(['GET', '/listing?To=%2B1']);
    await http.onApplicationShutdown();
  });

  it('does not follow a redirect', async () => {
    const http = client();
    const before = seen.length;
    expect(await post(http, `${base}/moved`)).toMatchObject({ status: 302, error: null });
    expect(seen.slice(before)).toEqual(['/moved']);
    await http.onApplicationShutdown();
  });

  it('gives up on an endpoint that does not answer within the timeout, without throwing', async () => {
    const http = client();
    const result = await post(http, `${base}/hang`);
    expect(result).toMatchObject({ status: null, error: 'timeout: no answer within 300 ms', refused: false });
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    await http.onApplicationShutdown();
  });

  it('reports a connection error as such', async () => {
    const http = client();
    const result = await post(http, 'http://127.0.0.1:1/nothing-listens');
    expect(result).toMatchObject({ status: null, refused: false });
    expect(result.error).toMatch(/^connection failed: .*ECONNREFUSED/);
    await http.onApplicationShutdown();
  });

  it('refuses non-http(s) URLs and URLs with credentials before any connection', async () => {
    const http = client();
    expect(await post(http, 'ftp://example.com/x')).toMatchObject({ status: null, refused: true, error: expect.stringContaining('only http and https') });
    expect(await post(http, 'http://user:pass@127.0.0.1/x')).toMatchObject({ refused: true, error: expect.stringContaining('credentials') });
    await http.onApplicationShutdown();
  });

  it('refuses loopback at connect time unless private targets are allowed', async () => {
    const http = client({ ALLOW_PRIVATE_WEBHOOK_TARGETS: 'false' });
    const before = seen.length;
    expect(await post(http, `${base}/ok`)).toMatchObject({ status: null, refused: true, error: expect.stringContaining('127.0.0.1 is loopback') });
    expect(seen.length).toBe(before);
    await http.onApplicationShutdown();
  });
});
