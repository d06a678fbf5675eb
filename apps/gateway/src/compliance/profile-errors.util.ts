import type { ProfileViolation } from '@optout/compliance';
import { ApiErrorDetail, ApiException } from '../http/api.exception';

/** `profile` + `optOut.keywords[1]` → `profile.optOut.keywords[1]`; the empty path is the prefix itself. */
export function nestedPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * The one 400 for a refused profile: every broken rule, each with its path in the submitted
 * JSON, its rule id and the rule in words. `field` repeats `path` so that clients reading the
 * API's other 400s (which name a `field`) find it where they look.
 */
export function profileRefused(violations: ProfileViolation[], prefix = ''): ApiException {
  const details: ApiErrorDetail[] = violations.map((violation) => {
    const path = nestedPath(prefix, violation.path);
    return { path, field: path, rule: violation.rule, message: violation.message };
  });
  const first = details[0];
  const count = details.length === 1 ? '1 rule is broken' : `${details.length} rules are broken`;
  const where = first ? ` First: ${first.path || 'the document'}: ${first.message}` : '';
  return new ApiException(400, 'validation_failed', `The compliance profile was refused and nothing of it was applied: ${count} (each is listed in details).${where}`, details);
}
