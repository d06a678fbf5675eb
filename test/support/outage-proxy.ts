import { createConnection, createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server (the shared Postgres) that a test can take away and give
 * back: `cut()` closes every open connection and stops listening, so new connections are
 * refused, as when the server crashes or its host drops off the network; `restore()` listens
 * again on the same port. The real server is never touched.
 */
export class OutageProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<OutageProxy> {
    const proxy = new OutageProxy(targetHost, targetPort);
    await proxy.restore();
    return proxy;
  }

  /** `url` with its host and port pointed at this proxy. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  get down(): boolean {
    return this.server === null;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.on('close', () => this.open.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // destroy(), not resetAndDestroy(): on Node 20 a socket reset with a write pending kept
    // the test process spinning at exit (in Environment::CleanupHandles), after every test passed.
    for (const socket of this.open) socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
