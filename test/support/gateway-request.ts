import type { HttpReceiver } from './http-receiver';
import { TEST_ADMIN_TOKEN } from './test-config';

/**
 * A JSON request to a gateway with a bearer token (an API key or the admin token), as the
 * process-level suites make them; `body` is null when the answer is not JSON.
 */
export async function gatewayRequest(baseUrl: string, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A new account through the gateway's admin API: its id and API key. */
export async function createAccountThrough(baseUrl: string, name: string): Promise<{ id: string; apiKey: string }> {
  const created = await gatewayRequest(baseUrl, 'POST', '/v1/accounts', TEST_ADMIN_TOKEN, { name });
  if (created.status !== 201) throw new Error(`account creation answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The account's confirmation texts go to `receiver`'s /sms (an http reply transport), its webhooks to its /crm. */
export async function wireToReceiver(baseUrl: string, account: { id: string; apiKey: string }, receiver: HttpReceiver): Promise<void> {
  const transport = await gatewayRequest(baseUrl, 'PUT', `/v1/accounts/${account.id}/reply-transport`, account.apiKey, { type: 'http', url: receiver.url('/sms') });
  if (transport.status !== 200) throw new Error(`reply transport answered ${transport.status}: ${JSON.stringify(transport.body)}`);
  const webhook = await gatewayRequest(baseUrl, 'POST', `/v1/accounts/${account.id}/webhooks`, account.apiKey, { url: receiver.url('/crm') });
  if (webhook.status !== 201) throw new Error(`webhook creation answered ${webhook.status}: ${JSON.stringify(webhook.body)}`);
}
