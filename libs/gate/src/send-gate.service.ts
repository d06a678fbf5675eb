import { Injectable, Logger, Optional } from '@nestjs/common';
import { ConsentErasureRepository, ConsentStateRepository, Suppression } from '@optout/database';
import { gateLookupsTotal } from '@optout/observability';
import { answerOf, entryOfState, entryOfSuppression, GateAnswer, GateEntry, newerEntry, UNKNOWN_ENTRY } from './gate-entry';
import { GateCache } from './gate-cache.service';

/** Neither Redis nor Postgres could say: the caller must answer 503, never "allowed". */
export class GateUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The send gate cannot know the consent state: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'GateUnavailableError';
  }
}

/**
 * "May this account text this number now?" Read-through: Redis first; on a miss, Postgres,
 * then fill Redis only if still absent. When Redis fails the answer comes from Postgres;
 * when Postgres fails too, `GateUnavailableError` — it fails closed.
 * On a miss, an erased number is found by its keyed hash among the suppressions (docs/blocklist.md).
 */
@Injectable()
export class SendGateService {
  private readonly logger = new Logger(SendGateService.name);

  constructor(
    private readonly cache: GateCache,
    private readonly states: ConsentStateRepository,
    @Optional() private readonly suppressions?: ConsentErasureRepository,
  ) {}

  async check(accountId: string, phone: string): Promise<GateAnswer> {
    return (await this.checkMany(accountId, [phone]))[0];
  }

  /**
   * Many numbers of one account, answered in request order: one Redis round trip for the
   * cached ones, one SQL query for the misses, one more round trip to fill the misses.
   */
  async checkMany(accountId: string, phones: string[]): Promise<GateAnswer[]> {
    let cached: Array<GateEntry | null>;
    let redisUp = true;
    try {
      cached = await this.cache.getMany(accountId, phones);
    } catch (error) {
      redisUp = false;
      cached = phones.map(() => null);
      this.logger.warn(`gate cache read failed, answering from Postgres: ${(error as Error).message}`);
    }

    const missing = [...new Set(phones.filter((_, i) => cached[i] === null))];
    const cacheOutcome = redisUp ? 'miss' : 'error';
    const fromSource = missing.length > 0 ? await this.readSource(accountId, missing, cacheOutcome) : new Map<string, GateEntry>();
    if (redisUp && fromSource.size > 0) await this.cache.fillManyIfAbsent(accountId, fromSource).catch(() => undefined);

    return phones.map((phone, i) => {
      const hit = cached[i];
      const entry = hit ?? fromSource.get(phone) ?? UNKNOWN_ENTRY;
      gateLookupsTotal.inc({ status: entry.status, cache: hit ? 'hit' : cacheOutcome });
      return answerOf(phone, entry);
    });
  }

  private async readSource(accountId: string, phones: string[], cacheOutcome: string): Promise<Map<string, GateEntry>> {
    try {
      const [states, suppressed] = await Promise.all([
        this.states.findMany(accountId, phones),
        this.suppressions ? this.suppressions.findMany(accountId, phones) : new Map<string, Suppression>(),
      ]);
      const byPhone = new Map(states.map((state) => [state.phone, entryOfState(state)]));
      return new Map(
        phones.map((phone) => {
          const plain = byPhone.get(phone) ?? UNKNOWN_ENTRY;
          const suppression = suppressed.get(phone);
          return [phone, suppression ? newerEntry(plain, entryOfSuppression(suppression)) : plain];
        }),
      );
    } catch (error) {
      gateLookupsTotal.inc({ status: 'unavailable', cache: cacheOutcome }, phones.length);
      throw new GateUnavailableError(error);
    }
  }
}
