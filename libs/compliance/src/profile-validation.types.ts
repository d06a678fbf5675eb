import type { EffectiveProfile } from './compliance-profile.types';

/**
 * One broken rule. `path` points into the submitted JSON (`overrides[2].optOut.keywords[4]`,
 * `''` for the document itself), `rule` is a stable snake_case id clients can switch on, and
 * `message` says in plain words what is wrong and how to fix it.
 */
export interface ProfileViolation {
  path: string;
  rule: string;
  message: string;
}

/** Something legal but worth an admin's attention (cost, a keyword we added for them). */
export interface ProfileWarning {
  path: string;
  rule: string;
  message: string;
}

export type ProfileValidation =
  | { ok: true; profile: EffectiveProfile; warnings: ProfileWarning[] }
  | { ok: false; errors: ProfileViolation[] };
