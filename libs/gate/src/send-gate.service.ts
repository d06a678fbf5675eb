import { Injectable, Logger } from '@nestjs/common';
import { ConsentErasureRepository, ConsentStateRepository } from '@optout/database';
import { gateCacheFillFailuresTotal, gateLookupsTotal } from '@optout/observability';
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
    // Required: without it an erased number (found only by its keyed hash) would read as never seen.
    private readonly suppressions: ConsentErasureRepository,
  ) {}

  /**
   * One number: a cache hit is one auto-pipelined HGETALL and nothing else (no arrays, sets or
   * maps built for a list of one); a miss or a Redis failure takes the same path as a list.
   */
  async check(accountId: string, phone: string): Promise<GateAnswer> {
    let hit: GateEntry | null;
    try {
      hit = await this.cache.get(accountId, phone);
    } catch (error) {
      return (await this.answer(accountId, [phone], [null], this.cacheFailed(error)))[0];
    }
    if (!hit) return (await this.answer(accountId, [phone], [hit], 'miss'))[0];
    gateLookupsTotal.inc({ status: hit.status, cache: 'hit' });
    return answerOf(phone, hit);
  }

  /**
   * Many numbers of one account, answered in request order: one Redis command for the cached
   * ones, one SQL query for the misses, one more round trip to fill the misses.
   */
  async checkMany(accountId: string, phones: string[]): Promise<GateAnswer[]> {
    let cached: Array<GateEntry | null>;
    try {
      cached = await this.cache.getMany(accountId, phones);
    } catch (error) {
      return this.answer(accountId, phones, phones.map(() => null), this.cacheFailed(error));
    }
    return this.answer(accountId, phones, cached, 'miss');
  }

  /** The answer does not depend on the fill; a failed one is logged and counted, not thrown. */
  private async fill(accountId: string, entries: Map<string, GateEntry>): Promise<void> {
    try {
      await this.cache.fillManyIfAbsent(accountId, entries);
    } catch (error) {
      gateCacheFillFailuresTotal.inc();
      this.logger.warn(`gate cache fill failed (answered from Postgres): ${(error as Error).message}`);
    }
  }

  private cacheFailed(error: unknown): 'error' {
    this.logger.warn(`gate cache read failed, answering from Postgres: ${(error as Error).message}`);
    return 'error';
  }

  /** The answers, from the cache where it had the entry and from Postgres (then filled into the cache) where not. */
  private async answer(accountId: string, phones: string[], cached: Array<GateEntry | null>, cacheOutcome: 'miss' | 'error'): Promise<GateAnswer[]> {
    const missing = [...new Set(phones.filter((_, i) => cached[i] === null))];
    const fromSource = missing.length > 0 ? await this.readSource(accountId, missing, cacheOutcome) : new Map<string, GateEntry>();
    if (cacheOutcome === 'miss' && fromSource.size > 0) await this.fill(accountId, fromSource);
    // Counted per (status, cache) once per request: the counter hashes its labels on every call.
    const counts = new Map<string, { status: string; cache: string; n: number }>();
    const answers = phones.map((phone, i) => {
      const hit = cached[i];
      const entry = hit ?? fromSource.get(phone) ?? UNKNOWN_ENTRY;
      const cache = hit ? 'hit' : cacheOutcome;
      const key = `${entry.status}|${cache}`;
      const count = counts.get(key);
      if (count) count.n++;
      else counts.set(key, { status: entry.status, cache, n: 1 });
      return answerOf(phone, entry);
    });
    for (const { status, cache, n } of counts.values()) gateLookupsTotal.inc({ status, cache }, n);
    return answers;
  }

  private async readSource(accountId: string, phones: string[], cacheOutcome: string): Promise<Map<string, GateEntry>> {
    try {
      const [states, suppressed] = await Promise.all([
        this.states.findMany(accountId, phones),
        this.suppressions.findMany(accountId, phones),
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
