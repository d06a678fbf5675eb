import type { ProfileViolation, ProfileWarning } from './profile-validation.types';

/**
 * Collects every problem of a profile instead of stopping at the first: an admin fixing a
 * refused profile should see the whole list in one round trip.
 */
export class ProfileIssues {
  readonly errors: ProfileViolation[] = [];
  readonly warnings: ProfileWarning[] = [];

  error(path: string, rule: string, message: string): void {
    this.errors.push({ path, rule, message });
  }

  warn(path: string, rule: string, message: string): void {
    this.warnings.push({ path, rule, message });
  }
}

/** `parent.key`, or `parent["odd key"]` when the key is not a plain identifier. */
export function fieldPath(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** How a JSON value's type reads in an error message. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
