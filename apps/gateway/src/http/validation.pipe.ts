import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorDetail, ApiException } from './api.exception';

/**
 * class-validator on every body, with the API's error shape: one detail per broken rule,
 * naming the field path (`messages[3].from`), the rule and the value's problem. Unknown
 * fields are refused rather than ignored, so a typo in a field name is not silently lost.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One broken rule per field is enough to act on; the list stays readable.
    stopAtFirstError: true,
    exceptionFactory: (errors) => ApiException.validation(flattenValidationErrors(errors)),
  });
}

/** One detail per broken rule, each naming its field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
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
