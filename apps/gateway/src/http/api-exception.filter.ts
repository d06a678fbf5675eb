import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, RefusedByPolicyError, UnavailableError } from '@optout/contracts';
import { isDatabaseUnavailable } from '@optout/database';
import { ApiException } from './api.exception';

/**
 * Fastify's own request errors (body parsing, limits) reach the filter as plain
 * HttpExceptions carrying Fastify's message: they are recognised by status and message.
 */
function fastifyRequestError(status: number, message: string): { code: string; message: string } | null {
  if (status === 415) return { code: 'unsupported_media_type', message: `${message}. Send the body as application/json.` };
  if (status === 413) return { code: 'payload_too_large', message: 'The request body is larger than the API accepts (8 MiB)' };
  if (status === 400 && /JSON|body/i.test(message)) return { code: 'invalid_json', message: `The body is not valid JSON: ${message}` };
  return null;
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Turns every exception into the one error shape; an unexpected one is a logged 500, never a leak. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, headers } = this.toResponse(exception);
    if (status === 503 && isDatabaseUnavailable(exception)) this.logger.warn(`database unavailable: ${(exception as Error).message}`);
    else if (status >= 500 && !(exception instanceof ApiException) && !(exception instanceof DomainError)) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // The route may have set another content type (Twilio's TwiML) before it failed.
    void reply.status(status).headers({ ...headers, 'content-type': 'application/json; charset=utf-8' }).send(body);
  }

  private toResponse(exception: unknown): { status: number; body: unknown; headers: Record<string, string> } {
    if (exception instanceof ApiException) {
      return { status: exception.getStatus(), body: exception.getResponse(), headers: exception.headers };
    }
    if (exception instanceof DomainError) return domainErrorResponse(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = fastifyRequestError(status, exception.message);
      if (known) return { status, body: errorBody(known.code, known.message), headers: {} };
      const message = status === 404 ? 'No such route' : exception.message;
      return { status, body: errorBody(STATUS_CODES[status] ?? 'http_error', message), headers: {} };
    }
    const fastify = exception as { statusCode?: number; message?: string };
    if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      return { status: fastify.statusCode, body: errorBody(STATUS_CODES[fastify.statusCode] ?? 'bad_request', fastify.message ?? 'Bad request'), headers: {} };
    }
    // An outage is not a bug: 503 with a time to come back, as for a full queue or an unknown gate.
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, body: errorBody('database_unavailable', 'The database cannot be reached just now; retry shortly'), headers: { 'retry-after': '5' } };
    }
    return { status: 500, body: errorBody('internal_error', 'Something went wrong on our side; the request was not applied'), headers: {} };
  }
}

/** The one place a service's domain error becomes an HTTP answer. */
function domainErrorResponse(error: DomainError): { status: number; body: unknown; headers: Record<string, string> } {
  if (error instanceof UnavailableError) return { status: 503, body: errorBody(error.code, error.message), headers: { 'retry-after': String(error.retryAfterSeconds) } };
  if (error instanceof RefusedByPolicyError) return { status: 400, body: errorBody(error.code, error.message, error.field), headers: {} };
  return { status: DOMAIN_STATUS[error.kind], body: errorBody(error.code, error.message), headers: {} };
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = { unavailable: 503, not_found: 404, conflict: 409, refused: 400 };

function errorBody(code: string, message: string, field?: string) {
  if (field) return { error: { code, message, details: [{ field, rule: code, message }] } };
  return { error: { code, message, details: [] } };
}
