import type { ApiErrorDetail } from '../http/api.exception';
import { arrayProblem, stringProblem, unknownFieldProblems } from '../http/body-rules';

/** `POST /v1/gate/:accountId/check`: up to 1000 numbers, in any format libphonenumber reads. */
export interface GateCheckBody {
  phones: string[];
}

/** An empty string is left to the number check ("is empty"), as before. */
const PHONE = { kind: 'string', max: 64 } as const;

/** What is wrong with a batch check's body, naming each bad item (`phones[3]`); `[]` when nothing is. */
export function gateCheckProblems(value: unknown): ApiErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ rule: 'is_object', message: 'the body must be a JSON object' }];
  const body = value as Record<string, unknown>;
  const problems = unknownFieldProblems(body, ['phones']);
  const array = arrayProblem(body.phones, 'phones', 1, 1000);
  if (array) return [array, ...problems];
  (body.phones as unknown[]).forEach((phone, index) => {
    const problem = stringProblem(phone, PHONE, `phones[${index}]`);
    if (problem) problems.push(problem);
  });
  return problems;
}
