import { isISO8601, isUUID, length, maxLength } from 'class-validator';
import type { ApiErrorDetail } from './api.exception';

/**
 * The rules of the hot routes' bodies (`POST /v1/inbound`, `/v1/inbound/batch`,
 * `/v1/gate/:accountId/check`), checked by plain functions written once per route instead of
 * class-transformer + class-validator per body and per batch item (docs/performance.md: those
 * two were 12 % of a single request's CPU and half of a batch's).
 *
 * What is accepted is exactly what the class-validator DTOs accepted: the predicates are
 * class-validator's own pure functions (`isUUID`, `length`, `maxLength`, `isISO8601`), run
 * only when a cheap check cannot decide. The details keep the API's vocabulary (`field`,
 * `rule` in snake_case, `message`), one per field, in the order the fields are declared;
 * unknown fields are refused (`unknown_field`), so a typo in a field name is not lost.
 */
export interface StringRule {
  kind: 'string';
  min?: number;
  max: number;
  optional?: boolean;
  /** An extra check of the string's form, with its rule and message. */
  form?: { rule: string; message: string; test: (value: string) => boolean };
}

export type FieldRules = Record<string, StringRule>;

/** Problems of one JSON object against its field rules; `[]` when it is valid. `path` prefixes field names (`messages[3].`). */
export function objectProblems(value: unknown, rules: FieldRules, path = ''): ApiErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ ...(path ? { field: path.replace(/\.$/, '') } : {}), rule: 'is_object', message: `${path ? path.replace(/\.$/, '') : 'the body'} must be a JSON object` }];
  }
  let problems: ApiErrorDetail[] | null = null;
  const record = value as Record<string, unknown>;
  for (const name in rules) {
    const problem = stringProblem(record[name], rules[name], `${path}${name}`);
    if (problem) (problems ??= []).push(problem);
  }
  for (const name in record) {
    if (!Object.prototype.hasOwnProperty.call(rules, name)) (problems ??= []).push({ field: `${path}${name}`, rule: 'unknown_field', message: `${path}${name} is not a known field` });
  }
  return problems ?? NONE;
}

const NONE: ApiErrorDetail[] = [];

export function stringProblem(value: unknown, rule: StringRule, field: string): ApiErrorDetail | null {
  if (rule.optional && (value === undefined || value === null)) return null;
  if (typeof value !== 'string') {
    return { field, rule: 'is_string', message: value === undefined ? `${field} is required (${describe(rule)})` : `${field} must be a string (${describe(rule)})` };
  }
  if (!withinLength(value, rule.min ?? 0, rule.max)) {
    return rule.min
      ? { field, rule: 'is_length', message: `${field} must be ${describe(rule)}` }
      : { field, rule: 'max_length', message: `${field} must be shorter than or equal to ${rule.max} characters` };
  }
  if (rule.form && !rule.form.test(value)) return { field, rule: rule.form.rule, message: rule.form.message };
  return null;
}

function describe(rule: StringRule): string {
  return rule.min ? `a string of ${rule.min} to ${rule.max} characters` : `a string of at most ${rule.max} characters`;
}

/**
 * class-validator's length (characters as people count them: a surrogate pair or an emoji
 * with its presentation selector is one), decided from `.length` alone when it can be: that
 * count is at most `.length` and at least half of it.
 */
function withinLength(value: string, min: number, max: number): boolean {
  if (value.length <= max && value.length >= 2 * min) return true;
  return min > 0 ? length(value, min, max) : maxLength(value, max);
}

/** The rules of an array field (`messages`, `phones`). */
export function arrayProblem(value: unknown, field: string, min: number, max: number): ApiErrorDetail | null {
  if (!Array.isArray(value)) return { field, rule: 'is_array', message: value === undefined ? `${field} is required (an array of ${min} to ${max} items)` : `${field} must be an array` };
  if (value.length < min) return { field, rule: 'array_min_size', message: `${field} must contain at least ${min} elements` };
  if (value.length > max) return { field, rule: 'array_max_size', message: `${field} must contain no more than ${max} elements` };
  return null;
}

/** Unknown top-level fields of a body that has only `allowed` ones. */
export function unknownFieldProblems(value: Record<string, unknown>, allowed: readonly string[]): ApiErrorDetail[] {
  const problems: ApiErrorDetail[] = [];
  for (const name in value) if (!allowed.includes(name)) problems.push({ field: name, rule: 'unknown_field', message: `${name} is not a known field` });
  return problems;
}

export const isAccountUuid = (value: string) => isUUID(value, 'all');
export const isIsoDateTime = (value: string) => isISO8601(value, { strict: true });
