import { Injectable } from '@nestjs/common';
import { compileProfile, CompiledProfile, DEFAULT_PROFILE, EffectiveProfile } from '@optout/compliance';
import { ComplianceProfileRepository } from '@optout/database';

/** How long a replica trusts its compiled copy before asking Postgres for a newer version. */
const FRESH_FOR_MS = 1_000;

interface Entry {
  compiled: CompiledProfile;
  checkedAt: number;
}

/**
 * Compiled profiles per account, so classification is a lookup rather than a parse. A saved
 * change reaches every replica within `FRESH_FOR_MS` without a restart; an account that never
 * saved a profile classifies with the defaults, as version 0.
 */
@Injectable()
export class CompiledProfileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly defaults = compileProfile(DEFAULT_PROFILE, 0);

  constructor(private readonly profiles: ComplianceProfileRepository) {}

  async forAccount(accountId: string, now = Date.now()): Promise<CompiledProfile> {
    const entry = this.entries.get(accountId);
    if (entry && now - entry.checkedAt < FRESH_FOR_MS) return entry.compiled;

    const latest = await this.profiles.findLatest(accountId);
    let compiled = this.defaults;
    if (latest) {
      compiled = entry?.compiled.version === latest.version ? entry.compiled : compileProfile(latest.document as EffectiveProfile, latest.version);
    }
    this.entries.set(accountId, { compiled, checkedAt: now });
    return compiled;
  }
}
