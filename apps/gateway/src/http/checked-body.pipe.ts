import { PipeTransform } from '@nestjs/common';
import { ApiErrorDetail, ApiException } from './api.exception';

/**
 * `@Body(new CheckedBody(rules))`: the body checked by the route's own rules (http/body-rules.ts),
 * a 400 in the API's error shape naming each bad field and rule. Runs after the guards, like
 * every pipe, so a caller without a key still gets 401 and a form post still gets 415 first.
 */
export class CheckedBody implements PipeTransform<unknown> {
  constructor(private readonly problemsOf: (value: unknown) => ApiErrorDetail[]) {}

  transform(value: unknown): unknown {
    const problems = this.problemsOf(value);
    if (problems.length > 0) throw ApiException.validation(problems);
    return value;
  }
}
