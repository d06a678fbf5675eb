import type { EffectiveProfile, KindSettings, ProfileOverride } from './compliance-profile.types';
import { DEFAULT_PROFILE } from './default-profile';
import type { KeywordKind } from './keyword-kind';
import { KEYWORD_KINDS } from './keyword-kind';
import { matchKey } from './match-key.util';
import { MANDATORY_OPT_OUT_KEYWORD } from './profile-limits';
import type { ReadKind, ReadProfile, ReadScope } from './profile-reader';

export interface BuiltProfile {
  profile: EffectiveProfile;
  /** True when the admin's optOut list lacked STOP and we put it back. */
  stopAdded: boolean;
}

/**
 * Turn an accepted profile into the effective one: a global kind (or field) left out keeps
 * its default, STOP is put first in the global optOut list when missing, and overrides keep
 * exactly what was written. Only call this on a profile that produced no errors.
 */
export function buildEffectiveProfile(read: ReadProfile): BuiltProfile {
  const optOut = globalKind(read.global, 'optOut');
  const stopKey = matchKey(MANDATORY_OPT_OUT_KEYWORD);
  const stopAdded = !optOut.keywords.some((keyword) => matchKey(keyword) === stopKey);
  if (stopAdded) optOut.keywords.unshift(MANDATORY_OPT_OUT_KEYWORD);
  return {
    profile: {
      optOut,
      optIn: globalKind(read.global, 'optIn'),
      help: globalKind(read.global, 'help'),
      overrides: read.overrides.map(toOverride),
      revocation: { mode: read.revocationMode ?? 'keywords' },
    },
    stopAdded,
  };
}

function globalKind(global: ReadScope, kind: KeywordKind): Required<KindSettings> {
  const read = global.kinds[kind];
  const defaults = DEFAULT_PROFILE[kind];
  return {
    keywords: read?.keywords ? read.keywords.map((keyword) => keyword.raw) : [...defaults.keywords],
    message: read?.message ?? defaults.message,
  };
}

function toOverride(scope: ReadScope): ProfileOverride {
  const override: ProfileOverride = { ...scope.selector };
  for (const kind of KEYWORD_KINDS) {
    const read = scope.kinds[kind];
    if (read) override[kind] = toKindSettings(read);
  }
  return override;
}

function toKindSettings(read: ReadKind): KindSettings {
  const settings: KindSettings = {};
  if (read.keywords) settings.keywords = read.keywords.map((keyword) => keyword.raw);
  if (read.message !== undefined) settings.message = read.message;
  return settings;
}
