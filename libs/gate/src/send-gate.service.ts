import { Injectable, Logger } from '@nestjs/common';
import { ConsentStateEntity, ConsentStateRepository } from '@optout/database';
import { answerOf, GateAnswer, GateEntry, UNKNOWN_ENTRY } from './gate-entry';
import { GateCache } from './gate-cache.service';

/** Neither Redis nor Postgres could say: the caller must answer 503, never "allowed". */
export class GateUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The send gate cannot know the consent state: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'GateUnavailableError';
  }
}

export function entryOfState(state: ConsentStateEntity | null): GateEntry {
  if (!state) return UNKNOWN_ENTRY;
  return {
    status: state.status,
    since: state.since.toISOString(),
    keyword: state.keyword,
    versionMs: state.since.getTime(),
    versionId: state.sourceMessageId,
  };
}

/**
 * "May this account text this number now?" Read-through: Redis first; on a miss, Postgres,
 * then fill Redis only if still absent. When Redis fails the answer comes from Postgres;
 * when Postgres fails too, `GateUnavailableError` — it fails closed.
 */
@Injectable()
export class SendGateService {
  private readonly logger = new Logger(SendGateService.name);

  constructor(
    private readonly cache: GateCache,
    private readonly states: ConsentStateRepository,
  ) {}

  async check(accountId: string, phone: string): Promise<GateAnswer> {
    let cached: GateEntry | null = null;
    let redisUp = true;
    try {
      cached = await this.cache.get(accountId, phone);
    } catch (error) {
      redisUp = false;
      this.logger.warn(`gate cache read failed, answering from Postgres: ${(error as Error).message}`);
    }
    if (cached) return answerOf(phone, cached);

    const entry = await this.readSource(accountId, phone);
    if (redisUp) await this.cache.fillIfAbsent(accountId, phone, entry).catch(() => undefined);
    return answerOf(phone, entry);
  }

  private async readSource(accountId: string, phone: string): Promise<GateEntry> {
    try {
      return entryOfState(await this.states.find(accountId, phone));
    } catch (error) {
      throw new GateUnavailableError(error);
    }
  }
}
