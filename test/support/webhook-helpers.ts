import { Webhook } from 'standardwebhooks';
import type { RunningSystem } from './running-system';
import type { ScriptedRequest } from './scripted-endpoint';
import { waitFor } from './wait-for';

/** What a receiver does with a delivery, exactly as a customer would: the standardwebhooks package. */
export function verifyAsCustomer(secret: string, request: ScriptedRequest): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };
}

let messageCounter = 0;

/** A subscriber texts `body` to the account; resolves once the gateway has accepted it. */
export async function text(system: RunningSystem, account: { id: string; apiKey: string }, from: string, body: string, receivedAt?: string): Promise<void> {
  messageCounter += 1;
  const response = await system.request('POST', '/v1/inbound', {
    token: account.apiKey,
    json: { accountId: account.id, messageId: `msg-${process.pid}-${messageCounter}-${Date.now()}`, from, to: '+12025550100', body, ...(receivedAt ? { receivedAt } : {}) },
  });
  if (response.status !== 202) throw new Error(`inbound answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** The account's confirmation texts go to `url` (an `http` reply transport). */
export async function putHttpReplyTransport(system: RunningSystem, account: { id: string; apiKey: string }, url: string): Promise<void> {
  const response = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url } });
  if (response.status !== 200) throw new Error(`reply transport answered ${response.status}: ${JSON.stringify(response.body)}`);
}

export async function createWebhook(system: RunningSystem, account: { id: string; apiKey: string }, url: string, events?: string[]): Promise<{ id: string; secret: string }> {
  const response = await system.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url, ...(events ? { events } : {}) } });
  if (response.status !== 201) throw new Error(`webhook creation answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The endpoint's deliveries as the API lists them (newest first), with their attempts. */
export async function deliveriesOf(system: RunningSystem, account: { id: string; apiKey: string }, webhookId: string, query = ''): Promise<any[]> {
  const response = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhookId}/deliveries${query}`, { token: account.apiKey });
  if (response.status !== 200) throw new Error(`deliveries answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.items;
}

/** Waits until the endpoint's newest delivery has the status, and returns it; on timeout says what it last saw. */
export function waitForDeliveryStatus(system: RunningSystem, account: { id: string; apiKey: string }, webhookId: string, status: string, timeoutMs = 10_000): Promise<any> {
  return waitFor(
    `the newest delivery of webhook ${webhookId} to be ${status}`,
    async () => {
      const [newest] = await deliveriesOf(system, account, webhookId);
      if (newest?.status === status) return newest;
      throw new Error(`newest delivery is ${newest ? `${newest.status} after ${newest.attemptCount} attempt(s), last error ${newest.lastError}` : 'missing'}`);
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** The account's confirmation texts as the API lists them (newest first), with their attempts; `to` keeps one subscriber's. */
export async function repliesOf(system: RunningSystem, account: { id: string; apiKey: string }, to?: string): Promise<any[]> {
  const response = await system.request('GET', `/v1/accounts/${account.id}/reply-transport/deliveries`, { token: account.apiKey });
  if (response.status !== 200) throw new Error(`reply deliveries answered ${response.status}: ${JSON.stringify(response.body)}`);
  return (response.body.items as any[]).filter((reply) => to === undefined || reply.to === to);
}

/** Waits until the newest reply (to `to`, when given) has the status, and returns it; on timeout says what it last saw. */
export function waitForReplyStatus(
  system: RunningSystem,
  account: { id: string; apiKey: string },
  status: string,
  { to, timeoutMs = 5_000 }: { to?: string; timeoutMs?: number } = {},
): Promise<any> {
  return waitFor(
    `the newest reply${to ? ` to ${to}` : ''} to be ${status}`,
    async () => {
      const [newest] = await repliesOf(system, account, to);
      if (newest?.status === status) return newest;
      throw new Error(`newest reply is ${newest ? `${newest.status} after ${newest.attemptCount} attempt(s), last error ${newest.lastError}` : 'missing'}`);
    },
    { timeoutMs },
  );
}
