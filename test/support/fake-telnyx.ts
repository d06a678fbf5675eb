import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TelnyxMessage {
  id: string;
  from: string;
  to: string;
  text: string;
  messagingProfileId: string | null;
  createdAt: Date;
}

/** Telnyx's error body (https://developers.telnyx.com/docs/api/v2/overview#errors): `{ errors: [{ code, title, detail }] }`. */
export function telnyxErrorBody(code: string, title: string, detail: string) {
  return { errors: [{ code, title, detail }] };
}

/** Telnyx's answer to a send to a number that texted STOP to the sender's messaging profile (HTTP 409, error 40300). */
export const TELNYX_BLOCKED_BY_STOP = (from: string, to: string) => ({
  status: 409,
  body: telnyxErrorBody('40300', 'Blocked due to STOP message', `Messages cannot be sent from '${from}' to '${to}' due to an existing block rule.`),
});

/**
 * A local stand-in for Telnyx's Messages API v2, strict where Telnyx is: `Authorization:
 * Bearer <API key>`, a JSON body with `from`, `to`, `text`. `POST /v2/messages` answers 200
 * with `{ data: message }`; 401 with error 10009 on a bad key; 422 on a missing field;
 * `GET /v2/messages/:id` answers the message or 404 (10005). `failNext`, `refuseNext` and
 * `holdNext` script outages, refusals and sends whose answer is lost.
 */
export class FakeTelnyx {
  readonly messages: TelnyxMessage[] = [];
  /** Every request: method, path, headers and parsed body, for shape checks. */
  readonly requests: Array<{ method: string; path: string; headers: Record<string, unknown>; body: unknown }> = [];
  failNext: Array<{ status: number; headers?: Record<string, string> }> = [];
  refuseNext: Array<{ status: number; body: unknown }> = [];
  /** `after_recording`: the message is created and the answer never comes. */
  holdNext: Array<'after_recording' | 'before_recording'> = [];
  lookups = 0;
  private server!: Server;

  constructor(readonly apiKey: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        const url = new URL(req.url ?? '/', 'http://telnyx.invalid');
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        this.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
        if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
          return answer(401, telnyxErrorBody('10009', 'Authentication failed', 'The required authentication headers were either invalid or not included in the request.'));
        }
        const lookup = /^\/v2\/messages\/([^/]+)$/.exec(url.pathname);
        if (req.method === 'GET' && lookup) {
          this.lookups++;
          const message = this.messages.find((candidate) => candidate.id === decodeURIComponent(lookup[1]));
          return message ? answer(200, { data: this.shapeOf(message, 'delivered') }) : answer(404, telnyxErrorBody('10005', 'Resource not found', 'The requested resource or URL could not be found.'));
        }
        if (req.method !== 'POST' || url.pathname !== '/v2/messages') return answer(404, telnyxErrorBody('10005', 'Resource not found', `${req.method} ${url.pathname}`));
        const failure = this.failNext.shift();
        if (failure) return answer(failure.status, telnyxErrorBody(failure.status === 429 ? '10011' : '10007', failure.status === 429 ? 'Too many requests' : 'Unexpected error', 'scripted'), failure.headers);
        const refusal = this.refuseNext.shift();
        if (refusal) return answer(refusal.status, refusal.body);
        const { from, to, text: messageText, messaging_profile_id: profile } = (body ?? {}) as Record<string, unknown>;
        if (typeof to !== 'string' || typeof messageText !== 'string' || (typeof from !== 'string' && typeof profile !== 'string')) {
          return answer(422, telnyxErrorBody('10004', 'Missing required parameter', 'from (or messaging_profile_id), to and text are required'));
        }
        const message: TelnyxMessage = {
          id: randomUUID(),
          from: typeof from === 'string' ? from : '+15005550006',
          to,
          text: messageText,
          messagingProfileId: typeof profile === 'string' ? profile : null,
          createdAt: new Date(),
        };
        const hold = this.holdNext.shift();
        if (hold) {
          if (hold === 'after_recording') this.messages.push(message);
          return;
        }
        this.messages.push(message);
        answer(200, { data: this.shapeOf(message, 'queued') });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** A message as Telnyx's v2 API shows it (the fields our code and the SDK read). */
  private shapeOf(message: TelnyxMessage, status: string) {
    return {
      record_type: 'message',
      direction: 'outbound',
      id: message.id,
      type: 'SMS',
      messaging_profile_id: message.messagingProfileId,
      from: { phone_number: message.from, carrier: 'Telnyx', line_type: 'Wireless' },
      to: [{ phone_number: message.to, status, carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' }],
      text: message.text,
      parts: 1,
      encoding: 'GSM-7',
      errors: [],
      created_at: message.createdAt.toISOString(),
      sent_at: null,
      completed_at: null,
    };
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
