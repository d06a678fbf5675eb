import type { MatchScope } from './compliance-profile.types';

/** A scope as an admin reads it in an error message: "the override for country CA". */
export function scopeLabel(scope: MatchScope): string {
  const parts: string[] = [];
  if (scope.country !== undefined) parts.push(`country ${scope.country}`);
  if (scope.language !== undefined) parts.push(`language ${scope.language}`);
  return parts.length === 0 ? 'the global settings' : `the override for ${parts.join(' and ')}`;
}
