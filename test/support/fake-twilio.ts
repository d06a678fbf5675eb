import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
}

/**
 * A local stand-in for Twilio's Messages API, strict the way Twilio is: the path names the
 * account, HTTP basic auth must match its SID and auth token, the body is form-encoded with
 * `To`, `From` and `Body`. Answers 201 with the message as Twilio does, 401 on bad
 * credentials, 400 on a missing field; `failNext` scripts server errors or rate limits.
 */
export class FakeTwilio {
  readonly messages: TwilioMessage[] = [];
  readonly rejected: Array<{ status: number; reason: string }> = [];
  /** Answers to give before behaving normally again, e.g. [503, 429]. */
  failNext: number[] = [];
  private server!: Server;

  constructor(
    readonly accountSid: string,
    readonly authToken: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body: unknown, reason?: string) => {
          if (reason) this.rejected.push({ status, reason });
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        };
        const path = `/2010-04-01/Accounts/${this.accountSid}/Messages.json`;
        if (req.method !== 'POST' || req.url !== path) return answer(404, { code: 20404, message: 'The requested resource was not found' }, `${req.method} ${req.url}`);
        const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return answer(401, { code: 20003, message: 'Authenticate' }, 'bad credentials');
        if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return answer(400, { code: 21000, message: 'form body expected' }, 'content type');
        const failure = this.failNext.shift();
        if (failure) return answer(failure, { code: failure, message: 'scripted failure' }, `scripted ${failure}`);
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const [to, from, body] = [form.get('To'), form.get('From'), form.get('Body')];
        if (!to || !from || !body) return answer(400, { code: 21604, message: 'A To, From and Body are required' }, 'missing field');
        const message = { sid: `SM${randomBytes(16).toString('hex')}`, accountSid: this.accountSid, to, from, body };
        this.messages.push(message);
        answer(201, { sid: message.sid, account_sid: this.accountSid, to, from, body, status: 'queued' });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
