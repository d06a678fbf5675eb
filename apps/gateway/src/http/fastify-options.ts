import type { FastifyError, FastifyReply, FastifyServerOptions } from 'fastify';

/**
 * Errors Fastify's router raises before any route (and so before Nest's exception filter)
 * runs: a URL that is not valid percent-encoded UTF-8, a path parameter over 100 characters.
 * Answered in the API's error shape rather than Fastify's own.
 */
export function routerErrorResponse(error: Pick<FastifyError, 'code' | 'statusCode'>): { status: number; body: { error: { code: string; message: string; details: [] } } } {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const [code, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? ['uri_too_long', 'A part of the path is longer than 100 characters: no id, account or phone number is that long']
      : error.code === 'FST_ERR_BAD_URL'
        ? ['bad_url', 'The path is not valid: a part of it is not percent-encoded UTF-8']
        : ['bad_request', 'The request could not be routed'];
  return { status, body: { error: { code, message, details: [] } } };
}

function answerRouterError(error: FastifyError, reply: FastifyReply): void {
  const { status, body } = routerErrorResponse(error);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/**
 * 8 MiB: a 1000-message batch of 1600-character texts in a 4-byte script is about 6.5 MB.
 * Larger bodies get 413 before they are parsed.
 */
export const FASTIFY_OPTIONS: FastifyServerOptions = {
  bodyLimit: 8 * 1024 * 1024,
  return503OnClosing: true,
  frameworkErrors: (error, _request, reply) => answerRouterError(error, reply as FastifyReply),
};
