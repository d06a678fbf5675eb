import { HttpReceiver } from './http-receiver';
import { RunningSystem } from './running-system';
import type { StopLater } from './stop-after-all';
import { createWebhook, putHttpReplyTransport } from './webhook-helpers';

/**
 * The all-in-one system and one account wired to a receiver that stands in for the business:
 * its confirmation texts go to `/sms` (an http reply transport), its webhooks to `/crm`.
 */
export interface WiredAccount {
  system: RunningSystem;
  receiver: HttpReceiver;
  account: { id: string; apiKey: string };
  /** The `/crm` webhook's signing secret; undefined without a webhook. */
  webhookSecret?: string;
}

/** Starts both (stopped by `stopLater` after the suite) and wires the account; `replies: false` or `webhook: false` leaves that part out. */
export async function startWiredAccount(
  stopLater: StopLater,
  name?: string,
  options: { overrides?: Record<string, string>; replies?: boolean; webhook?: boolean } = {},
): Promise<WiredAccount> {
  const system = stopLater(await RunningSystem.start(options.overrides));
  const receiver = stopLater(await new HttpReceiver().start());
  const account = await system.createAccount(name);
  if (options.replies !== false) await putHttpReplyTransport(system, account, receiver.url('/sms'));
  const webhookSecret = options.webhook === false ? undefined : (await createWebhook(system, account, receiver.url('/crm'))).secret;
  return { system, receiver, account, webhookSecret };
}
