import { HttpException } from '@nestjs/common';

export interface ApiErrorDetail {
  field?: string;
  rule?: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * Every error answer of the API: `{ error: { code, message, details } }`. `code` is a
 * stable snake_case id clients may branch on; `message` says what is wrong and how to fix it.
 */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super({ error: { code, message, details } }, status);
  }

  static notFound(what: string): ApiException {
    return new ApiException(404, 'not_found', `${what} was not found`);
  }

  static validation(details: ApiErrorDetail[]): ApiException {
    const first = details[0];
    const summary = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'the request is invalid';
    return new ApiException(400, 'validation_failed', `Invalid request: ${summary}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`, details);
  }
}
