import { HttpReceiver } from './http-receiver';
import { RunningSystem } from './running-system';
import { waitFor } from './wait-for';

/** An account with something behind every one of its routes: a webhook, a delivery, a reply transport, a blocked number. */
export interface SeededAccount {
  id: string;
  apiKey: string;
  webhookId: string;
  deliveryId: string;
  /** The id of the account's API key (`apiKey`). */
  keyId: string;
  /** A subscriber who texted STOP: in the block list, the ledger and the gate. */
  phone: string;
}

/** The values that fill each route parameter for `account`. */
export function routeParamsOf(account: SeededAccount): Record<string, string> {
  return { accountId: account.id, id: account.webhookId, deliveryId: account.deliveryId, keyId: account.keyId, phone: account.phone };
}

export async function seedAccount(system: RunningSystem, receiver: HttpReceiver, name: string, phone: string): Promise<SeededAccount> {
  const account = await system.createAccount(name);
  const transport = await system.request('PUT', `/v1/accounts/${account.id}/reply-transport`, { token: account.apiKey, json: { type: 'http', url: receiver.url(`/sms/${name}`) } });
  if (transport.status !== 200) throw new Error(`reply transport: ${transport.status} ${JSON.stringify(transport.body)}`);
  const webhook = await system.request('POST', `/v1/accounts/${account.id}/webhooks`, { token: account.apiKey, json: { url: receiver.url(`/crm/${name}`) } });
  if (webhook.status !== 201) throw new Error(`webhook: ${webhook.status} ${JSON.stringify(webhook.body)}`);
  const stop = await system.request('POST', '/v1/inbound', {
    token: account.apiKey,
    json: { accountId: account.id, messageId: `seed-${name}`, from: phone, to: '+12025550100', body: 'STOP' },
  });
  if (stop.status !== 202) throw new Error(`STOP: ${stop.status} ${JSON.stringify(stop.body)}`);
  // Delivered, so that nothing about the account changes any more unless a request changes it.
  const deliveryId = await waitFor(
    `the webhook delivery of ${name}'s STOP to succeed`,
    async () => {
      const deliveries = await system.request('GET', `/v1/accounts/${account.id}/webhooks/${webhook.body.id}/deliveries`, { token: account.apiKey });
      const first = deliveries.body?.items?.[0] as { id: string; status: string } | undefined;
      return first?.status === 'succeeded' ? first.id : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 100 },
  );
  const keys = await system.request('GET', `/v1/accounts/${account.id}/api-keys`, { token: account.apiKey });
  if (keys.status !== 200 || keys.body.items.length !== 1) throw new Error(`api keys: ${keys.status} ${JSON.stringify(keys.body)}`);
  return { ...account, webhookId: webhook.body.id, deliveryId, keyId: keys.body.items[0].id, phone };
}
