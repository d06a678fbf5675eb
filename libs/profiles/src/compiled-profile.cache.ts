import { Inject, Injectable, Logger } from '@nestjs/common';
import { compileProfile, CompiledProfile, DEFAULT_PROFILE, EffectiveProfile } from '@optout/compliance';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { ComplianceProfileRepository } from '@optout/database';

/**
 * How long an entry is trusted while the change channel is down (or not yet subscribed):
 * without pushes, polling Postgres every second is what keeps the "a saved change reaches
 * every replica within 1 s" promise.
 */
export const UNPUSHED_RECHECK_MS = 1_000;

/** Entries kept per process; the least recently used account is dropped beyond it. */
export const MAX_CACHED_ACCOUNTS = 10_000;

interface Entry {
  compiled: CompiledProfile;
  /** When the version was read from Postgres (the read's start, to err on the side of re-reading). */
  checkedAt: number;
}

/**
 * Compiled compliance profiles per account, so that classifying a message is a lookup, not a
 * parse. One per process, shared by the classifier and the gateway's dry run.
 *
 * Freshness: the gateway announces every saved version on a Redis channel and
 * `ProfileChangeSubscriber` drops the account's entry here, so the next message reads the new
 * version. Besides that push, an entry is re-checked against Postgres after
 * `PROFILE_RECHECK_MS` (30 s) — the net for a lost announcement — and after 1 s whenever the
 * channel is down. An account that never saved a profile classifies with the defaults, as
 * version 0.
 */
@Injectable()
export class CompiledProfileCache {
  private readonly logger = new Logger('CompiledProfileCache');
  private readonly entries = new Map<string, Entry>();
  /** One Postgres read per account at a time, however many messages of it arrive together. */
  private readonly loading = new Map<string, Promise<CompiledProfile>>();
  private readonly defaults = compileProfile(DEFAULT_PROFILE, 0);
  private readonly recheckMs: number;
  /** Bumped by every invalidation: a read that started before one must not be remembered. */
  private epoch = 0;
  private pushActive = false;
  /** The clock; tests replace it. */
  now: () => number = Date.now;

  constructor(
    private readonly profiles: ComplianceProfileRepository,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'profileRecheckMs'>,
  ) {
    this.recheckMs = config.profileRecheckMs;
  }

  /**
   * The account's compiled profile. `verify: true` always asks Postgres for the latest version
   * (reusing the compiled copy when it is the same): for the dry run, which must reflect a
   * save made a moment ago through another gateway replica.
   */
  async forAccount(accountId: string, options: { verify?: boolean } = {}): Promise<CompiledProfile> {
    if (options.verify) return this.load(accountId);
    const entry = this.entries.get(accountId);
    if (entry && this.now() - entry.checkedAt < this.maxAgeMs()) return entry.compiled;

    const pending = this.loading.get(accountId);
    if (pending) return pending;
    const load = this.load(accountId).finally(() => {
      if (this.loading.get(accountId) === load) this.loading.delete(accountId);
    });
    this.loading.set(accountId, load);
    return load;
  }

  /** Version `version` of the account's profile exists: forget any older compiled copy. */
  invalidate(accountId: string, version: number): void {
    this.epoch += 1;
    this.loading.delete(accountId);
    const entry = this.entries.get(accountId);
    if (entry && entry.compiled.version >= version) return; // already has it (the saving gateway, a repeated announcement)
    this.entries.delete(accountId);
  }

  /** Forget everything, e.g. when announcements may have been missed. */
  invalidateAll(): void {
    this.epoch += 1;
    this.loading.clear();
    this.entries.clear();
  }

  /**
   * Whether changes are being pushed to this process. Becoming active drops every entry,
   * since any of them may have missed an announcement while the channel was down.
   */
  setPushActive(active: boolean): void {
    if (active) this.invalidateAll();
    this.pushActive = active;
  }

  get isPushActive(): boolean {
    return this.pushActive;
  }

  get size(): number {
    return this.entries.size;
  }

  private maxAgeMs(): number {
    return this.pushActive ? this.recheckMs : UNPUSHED_RECHECK_MS;
  }

  private async load(accountId: string): Promise<CompiledProfile> {
    const epoch = this.epoch;
    const startedAt = this.now();
    const latest = await this.profiles.findLatest(accountId);
    const previous = this.entries.get(accountId)?.compiled;
    let compiled = this.defaults;
    if (latest && previous?.version === latest.version) {
      compiled = previous;
    } else if (latest) {
      compiled = compileProfile(latest.document as EffectiveProfile, latest.version);
      this.logger.debug(`account ${accountId}: compliance profile version ${latest.version} compiled`);
    }
    // A change announced while this read was in flight may be newer than what it read: the
    // caller gets the answer (its message arrived before the change), the cache does not keep it.
    if (epoch === this.epoch) this.remember(accountId, { compiled, checkedAt: startedAt });
    return compiled;
  }

  private remember(accountId: string, entry: Entry): void {
    this.entries.delete(accountId); // re-inserted last: Map order is the recency order
    this.entries.set(accountId, entry);
    if (this.entries.size > MAX_CACHED_ACCOUNTS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
