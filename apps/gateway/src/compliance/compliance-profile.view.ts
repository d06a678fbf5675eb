import { DEFAULT_PROFILE, EffectiveProfile, ProfileWarning, validateProfile } from '@optout/compliance';
import type { ComplianceProfileEntity } from '@optout/database';

/**
 * Fields of the API's answer that are not part of the profile. A PUT that sends them back
 * (a GET's answer, edited) has them ignored rather than refused, so that GET → edit → PUT
 * works; they are never stored.
 */
export const READ_ONLY_PROFILE_FIELDS = ['version', 'savedAt', 'warnings'] as const;

/** What GET and PUT answer: the effective profile at top level, with its version and warnings. */
export interface ProfileView extends EffectiveProfile {
  /** 0: the defaults of an account that never saved a profile. */
  version: number;
  savedAt: string | null;
  warnings: ProfileWarning[];
}

export function viewOf(version: number, savedAt: Date | null, profile: EffectiveProfile, warnings: ProfileWarning[]): ProfileView {
  return {
    version,
    savedAt: savedAt ? savedAt.toISOString() : null,
    optOut: profile.optOut,
    optIn: profile.optIn,
    help: profile.help,
    overrides: profile.overrides,
    // Profiles saved before the setting existed mean the carriers' rule.
    revocation: profile.revocation ?? { mode: 'keywords' },
    warnings,
  };
}

export function defaultsView(): ProfileView {
  return viewOf(0, null, structuredClone(DEFAULT_PROFILE) as EffectiveProfile, []);
}

/**
 * A stored version as saved, with the warnings it has under today's rules (a multi-segment
 * message stays worth knowing about after the save).
 */
export function viewOfStored(stored: ComplianceProfileEntity): ProfileView {
  const profile = stored.document as EffectiveProfile;
  const checked = validateProfile(profile);
  return viewOf(stored.version, stored.createdAt, profile, checked.ok ? checked.warnings : []);
}

/** The body without the answer-only fields; anything that is not an object is left for validation to refuse. */
export function withoutReadOnlyFields(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of READ_ONLY_PROFILE_FIELDS) delete copy[field];
  return copy;
}
