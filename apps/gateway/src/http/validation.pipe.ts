import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorDetail, ApiException } from './api.exception';

/**
 * class-validator on every body and query, with the API's error shape: one detail per broken
 * field, naming its path (`messages[3].from`), the rule and the value's problem. Unknown
 * fields are refused rather than ignored, so a typo in a field name is not silently lost.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Not stopAtFirstError: that stops at the rule written *last* (see firstWrittenRule).
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}

/**
 * The broken rule to report for a field: one is enough to act on, and it should be the one
 * written first — the type or "required" check ("limit must be a whole number" for
 * `limit=abc`, not "must not be greater than 1000"). class-validator runs a field's rules in
 * the reverse of the order they are written (decorators apply bottom-up), so that is the last
 * one it lists.
 */
function firstWrittenRule(constraints: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(constraints ?? {}).slice(-1);
}

/** One detail per broken field (its first-written broken rule), each naming its field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = firstWrittenRule(error.constraints).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown_field' : toSnake(rule),
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function toSnake(rule: string): string {
  return rule.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
