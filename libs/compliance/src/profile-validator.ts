import { buildEffectiveProfile } from './effective-profile';
import { ProfileIssues } from './profile-issues';
import { readProfile } from './profile-reader';
import { checkScopeRules } from './profile-scope-rules';
import type { ProfileValidation } from './profile-validation.types';
import { collectWarnings } from './profile-warnings';

/**
 * Check an untrusted profile (parsed JSON) against every rule of the compliance spec and
 * return either the effective profile to store, or every rule it breaks. A profile is
 * accepted or refused whole. Never throws: a bad profile is an answer, not an exception.
 */
export function validateProfile(input: unknown): ProfileValidation {
  const issues = new ProfileIssues();
  try {
    const read = readProfile(input, issues);
    if (read) checkScopeRules(read, issues);
    if (!read || issues.errors.length > 0) return { ok: false, errors: issues.errors };
    const { profile, stopAdded } = buildEffectiveProfile(read);
    collectWarnings(read, stopAdded, issues);
    return { ok: true, profile, warnings: issues.warnings };
  } catch (error) {
    // Only reachable with exotic input (a getter that throws, a Proxy): parsed JSON never
    // gets here. Refuse rather than let the caller answer 500.
    return {
      ok: false,
      errors: [
        ...issues.errors,
        {
          path: '',
          rule: 'unreadable_profile',
          message: `The profile could not be read: ${error instanceof Error ? error.message : String(error)}.`,
        },
      ],
    };
  }
}
