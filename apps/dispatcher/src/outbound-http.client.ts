import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { targetUrlProblem } from '@optout/egress';

export interface PostResult {
  status: number | null;
  retryAfter: string | null;
  error: string | null;
  latencyMs: number;
}

/** Webhooks and replies get 15 s: long enough for a slow CRM, short enough to free the worker. */
const TIMEOUT_MS = 15_000;

/** The target may not be used at all (SSRF policy): no retry can help. */
export class RefusedTargetError extends Error {}

/**
 * POSTs JSON to a customer's URL. The URL is checked against the address policy right before
 * connecting (DNS may have changed since registration); redirects are not followed.
 */
@Injectable()
export class OutboundHttpClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async postJson(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    const problem = await targetUrlProblem(url, { allowPrivate: this.config.allowPrivateWebhookTargets });
    if (problem) throw new RefusedTargetError(`${url} ${problem}`);
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'optout-dispatcher/1', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, retryAfter: response.headers.get('retry-after'), error: null, latencyMs: Date.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const message = (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000}s` : (cause ?? (error as Error).message);
      return { status: null, retryAfter: null, error: message, latencyMs: Date.now() - started };
    }
  }
}
