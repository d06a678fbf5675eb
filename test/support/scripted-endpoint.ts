import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ScriptedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds since the epoch when the request had fully arrived. */
  at: number;
}

/** An answer; `hang` never answers (the connection stays open until the client gives up or the endpoint stops). */
export type ScriptedReply = number | { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A business's endpoint that answers as the test scripts it — a status, headers (Retry-After,
 * Location), or nothing at all — and records every request with when it came and how many
 * were open at once. For webhooks and reply transports alike.
 */
export class ScriptedEndpoint {
  readonly requests: ScriptedRequest[] = [];
  respond: (request: ScriptedRequest, index: number) => ScriptedReply = () => 204;
  /** Requests received and not answered yet. */
  open = 0;
  maxOpen = 0;
  private server!: Server;
  private readonly hanging = new Set<ServerResponse>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        const index = this.requests.push(request) - 1;
        this.open += 1;
        this.maxOpen = Math.max(this.maxOpen, this.open);
        res.on('close', () => {
          this.open -= 1;
          this.hanging.delete(res);
        });
        const reply = this.respond(request, index);
        if (reply === 'hang') {
          this.hanging.add(res);
          return;
        }
        const { status, headers, body } = typeof reply === 'number' ? { status: reply, headers: {}, body: '' } : reply;
        res.writeHead(status, headers ?? {}).end(body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): ScriptedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Drops every connection (hanging ones included) and stops listening. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
