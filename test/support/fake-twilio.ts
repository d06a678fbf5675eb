import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  dateCreated: Date;
  messagingServiceSid: string | null;
}

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
export function twilioErrorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** Twilio's answer when the recipient texted STOP to the sender (or its Messaging Service). */
export const TWILIO_UNSUBSCRIBED = { status: 400, body: twilioErrorBody(400, 21610, 'Attempt to send to unsubscribed recipient') };

/**
 * How the next sends are held, unanswered, to let a test kill the sender mid-request:
 * `after_recording` takes the message and never answers (the answer is "lost");
 * `before_recording` never takes it (the request "did not arrive").
 */
export type TwilioHold = 'after_recording' | 'before_recording';

/**
 * A local stand-in for Twilio's Messages API, strict the way Twilio is: the path names the
 * account, HTTP basic auth must match its SID and auth token, the body is form-encoded with
 * `To`, `From` and `Body`. Answers 201 with the message as Twilio does, 401 on bad
 * credentials, 400 on a missing field; `failNext` scripts server errors or rate limits.
 * `GET …/Messages.json?To=&From=` lists the messages sent, newest first, in Twilio's shape.
 */
export class FakeTwilio {
  readonly messages: TwilioMessage[] = [];
  readonly rejected: Array<{ status: number; reason: string }> = [];
  /** Answers to give before behaving normally again, e.g. [503, 429]. */
  failNext: number[] = [];
  /** Error answers (status and Twilio's error body) to give to the next sends, e.g. TWILIO_UNSUBSCRIBED. */
  refuseNext: Array<{ status: number; body: unknown }> = [];
  /** Statuses to answer the next sends with *after* creating the message: a 5xx that hides a send. */
  failAfterCreatingNext: number[] = [];
  /** How the next sends are held (see TwilioHold); a held request is never answered. */
  holdNext: TwilioHold[] = [];
  /** Sends being held right now. */
  held = 0;
  /** The message-list reads received. */
  listRequests = 0;
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
        const url = new URL(req.url ?? '/', 'http://twilio.invalid');
        const known = url.pathname === path && ((req.method === 'POST' && url.search === '') || req.method === 'GET');
        if (!known) return answer(404, { code: 20404, message: 'The requested resource was not found' }, `${req.method} ${req.url}`);
        const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
        if (req.headers.authorization !== expected) return answer(401, { code: 20003, message: 'Authenticate' }, 'bad credentials');
        if (req.method === 'GET') return answer(200, this.list(url.searchParams));
        if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return answer(400, { code: 21000, message: 'form body expected' }, 'content type');
        const failure = this.failNext.shift();
        if (failure) return answer(failure, twilioErrorBody(failure, 20500, 'An internal server error has occurred'), `scripted ${failure}`);
        const refusal = this.refuseNext.shift();
        if (refusal) return answer(refusal.status, refusal.body, `scripted refusal ${JSON.stringify(refusal.body)}`);
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const [to, from, body, service] = [form.get('To'), form.get('From'), form.get('Body'), form.get('MessagingServiceSid')];
        if (!to || (!from && !service) || !body) return answer(400, twilioErrorBody(400, 21604, 'A To, From and Body are required'), 'missing field');
        const message = {
          sid: `SM${randomBytes(16).toString('hex')}`,
          accountSid: this.accountSid,
          to,
          from: from ?? '+15005550006',
          body,
          dateCreated: new Date(),
          messagingServiceSid: service,
        };
        const failAfter = this.failAfterCreatingNext.shift();
        if (failAfter) {
          this.messages.push(message);
          return answer(failAfter, twilioErrorBody(failAfter, 20500, 'An internal server error has occurred'), `scripted ${failAfter} after creating ${message.sid}`);
        }
        const hold = this.holdNext.shift();
        if (hold) {
          this.held++;
          res.on('close', () => this.held--);
          if (hold === 'after_recording') this.messages.push(message);
          return;
        }
        this.messages.push(message);
        answer(201, { ...this.shapeOf(message), status: 'queued' });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Twilio's list: filtered by To and From, newest first, PageSize at most. */
  private list(filter: URLSearchParams) {
    this.listRequests++;
    const pageSize = Number(filter.get('PageSize') ?? 50);
    const matching = this.messages.filter(
      (message) => (!filter.get('To') || message.to === filter.get('To')) && (!filter.get('From') || message.from === filter.get('From')),
    );
    return { messages: matching.reverse().slice(0, pageSize).map((message) => ({ ...this.shapeOf(message), status: 'delivered' })), page_size: pageSize };
  }

  /** A message as Twilio's JSON has it: snake_case, RFC 2822 dates in whole seconds. */
  private shapeOf(message: TwilioMessage) {
    return {
      sid: message.sid,
      account_sid: message.accountSid,
      to: message.to,
      from: message.from,
      body: message.body,
      direction: 'outbound-api',
      date_created: message.dateCreated.toUTCString().replace('GMT', '+0000'),
      messaging_service_sid: message.messagingServiceSid,
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
