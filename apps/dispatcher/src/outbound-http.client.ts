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
}

export interface OutboundRequest {
  url: string;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

/** Read from an answer's body before dropping it: enough to free the connection, no more. */
const MAX_DRAINED_BODY = 64 * 1024;

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
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const shape = urlShapeProblem(outbound.url);
    if (shape) return { status: null, retryAfter: null, error: `refused: the URL ${shape}`, refused: true, latencyMs: 0 };

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    try {
      const response = await request(outbound.url, {
        method: 'POST',
        body: outbound.body,
        headers: { 'content-type': outbound.contentType, 'user-agent': 'optout-dispatcher/1', ...outbound.headers },
        dispatcher: this.agent,
        signal: controller.signal,
      });
      // The answer's body is not used; reading a little of it lets the connection be reused.
      await response.body.dump({ limit: MAX_DRAINED_BODY }).catch(() => undefined);
      const retryAfter = response.headers['retry-after'];
      return { status: response.statusCode, retryAfter: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null, error: null, refused: false, latencyMs: elapsed() };
    } catch (error) {
      if (isEgressRefusal(error)) return { status: null, retryAfter: null, error: `refused: ${(error as Error).message}`, refused: true, latencyMs: elapsed() };
      if (timedOut) return { status: null, retryAfter: null, error: `timeout: no answer within ${this.timeoutMs} ms`, refused: false, latencyMs: elapsed() };
      return { status: null, retryAfter: null, error: `connection failed: ${describe(error)}`, refused: false, latencyMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

function describe(error: unknown): string {
  const { code, message, cause } = error as { code?: string; message?: string; cause?: { code?: string } };
  const causeCode = cause?.code;
  return [code ?? causeCode, message].filter(Boolean).join(' ') || String(error);
}
