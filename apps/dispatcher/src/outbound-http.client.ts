import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { createEgressAgent, isEgressRefusal, urlShapeProblem } from '@optout/egress';

/** What one request to a customer's URL came to. Never throws for anything the network does. */
export interface OutboundResult {
  /** The HTTP status; null when there was no answer (timeout, connection error, refused). */
  status: number | null;
  retryAfter: string | null;
  /** Why there was no answer; null when there was one. */
  error: string | null;
  /** The SSRF policy refused the target: no retry can help. */
  refused: boolean;
  latencyMs: number;
  /** The answer's body (up to MAX_READ_BODY), when the request asked for it; else null. */
  answer: string | null;
}

export interface OutboundRequest {
  url: string;
  body: string;
  contentType: string;
  headers: Record<string, string>;
  /** Keep the answer's body (a Twilio message, with its SID); webhooks drop theirs. */
  readAnswer?: boolean;
}

/** A read from a carrier's API (a Twilio message list). */
export interface OutboundQuery {
  url: string;
  headers: Record<string, string>;
}

/** Read from an answer's body before dropping it: enough to free the connection, no more. */
const MAX_DRAINED_BODY = 64 * 1024;
/** The most of an answer kept when it is read: a page of Twilio messages fits many times. */
const MAX_READ_BODY = 1024 * 1024;

/**
 * POSTs to a customer's URL (a webhook endpoint, a reply transport). The target's addresses
 * are checked at connect time by the egress agent (DNS rebinding cannot slip past a check
 * made earlier); redirects are not followed (undici's `request` never follows them); the
 * whole exchange, DNS to last byte, is bounded by WEBHOOK_TIMEOUT_MS (15 s by default).
 */
@Injectable()
export class OutboundHttpClient implements OnApplicationShutdown {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.timeoutMs = config.webhookTimeoutMs;
    this.agent = createEgressAgent({ allowPrivate: config.allowPrivateWebhookTargets, connectTimeoutMs: Math.min(config.webhookTimeoutMs, 10_000) });
  }

  async post(outbound: OutboundRequest): Promise<OutboundResult> {
    return this.exchange(outbound.url, {
      method: 'POST',
      body: outbound.body,
      headers: { 'content-type': outbound.contentType, ...outbound.headers },
      readAnswer: outbound.readAnswer ?? false,
    });
  }

  /** A GET whose answer is kept; the same egress checks and time bound as a POST. */
  async get(query: OutboundQuery): Promise<OutboundResult> {
    return this.exchange(query.url, { method: 'GET', headers: { accept: 'application/json', ...query.headers }, readAnswer: true });
  }

  private async exchange(
    url: string,
    options: { method: 'GET' | 'POST'; body?: string; headers: Record<string, string>; readAnswer: boolean },
  ): Promise<OutboundResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const noAnswer = (error: string, refused: boolean): OutboundResult => ({ status: null, retryAfter: null, error, refused, latencyMs: elapsed(), answer: null });
    const shape = urlShapeProblem(url);
    if (shape) return { ...noAnswer(`refused: the URL ${shape}`, true), latencyMs: 0 };

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    try {
      const response = await request(url, {
        method: options.method,
        body: options.body,
        headers: { 'user-agent': 'optout-dispatcher/1', ...options.headers },
        dispatcher: this.agent,
        signal: controller.signal,
      });
      // An unread answer is drained a little, which lets the connection be reused.
      // A body cut short does not undo the status: a 201 from Twilio stands without its SID.
      const answer = options.readAnswer ? await readLimited(response.body, MAX_READ_BODY).catch(() => null) : null;
      if (!options.readAnswer) await response.body.dump({ limit: MAX_DRAINED_BODY }).catch(() => undefined);
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null,
        error: null,
        refused: false,
        latencyMs: elapsed(),
        answer,
      };
    } catch (error) {
      if (isEgressRefusal(error)) return noAnswer(`refused: ${(error as Error).message}`, true);
      if (timedOut) return noAnswer(`timeout: no answer within ${this.timeoutMs} ms`, false);
      return noAnswer(`connection failed: ${describe(error)}`, false);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

/** The body as text, cut at `limit` bytes (the rest is dropped with the connection). */
async function readLimited(body: AsyncIterable<Buffer> & { destroy(): unknown }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function describe(error: unknown): string {
  const { code, message, cause } = error as { code?: string; message?: string; cause?: { code?: string } };
  const causeCode = cause?.code;
  return [code ?? causeCode, message].filter(Boolean).join(' ') || String(error);
}
