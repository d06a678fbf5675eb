import type { RedisClient } from '@optout/queue';
import type { ConsentKind } from '@optout/contracts';

/** The spec's loop guard: one confirmation of a kind per subscriber per 10 minutes. */
export const LOOP_GUARD_WINDOW_MS = 10 * 60 * 1000;

/**
 * Takes the (account, subscriber, kind) slot for this event, or finds it already held by this
 * same event — a retried job must still send the reply it claimed before it crashed. Any other
 * event holding the slot means a confirmation of this kind went out less than a window ago.
 */
const CLAIM_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0`;

/** Hash-tagged per account like the gate keys, so an account's keys share a cluster slot. */
export function loopGuardKey(keyPrefix: string, accountId: string, phone: string, kind: ConsentKind): string {
  return `${keyPrefix}:reply-guard:{${accountId}}:${phone}:${kind}`;
}

export interface GuardedEvent {
  id: string;
  accountId: string;
  phone: string;
  kind: ConsentKind;
}

/**
 * Keeps two auto-responders from texting each other forever (our "Reply START to resubscribe"
 * answered by a bot's "STOP"...). Only the confirmation text is held back: the ledger still
 * records every match and the webhook still announces every applied event.
 */
export class ReplyLoopGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly windowMs = LOOP_GUARD_WINDOW_MS,
  ) {}

  /** True when this event may send its confirmation. Throws when Redis does not answer (the job retries). */
  async claim(event: GuardedEvent): Promise<boolean> {
    const key = loopGuardKey(this.keyPrefix, event.accountId, event.phone, event.kind);
    return (await this.redis.eval(CLAIM_SCRIPT, 1, key, event.id, String(this.windowMs))) === 1;
  }
}
