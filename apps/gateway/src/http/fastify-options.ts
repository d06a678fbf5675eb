import type { FastifyServerOptions } from 'fastify';

/**
 * 8 MiB: a 1000-message batch of 1600-character texts in a 4-byte script is about 6.5 MB.
 * Larger bodies get 413 before they are parsed.
 */
export const FASTIFY_OPTIONS: FastifyServerOptions = {
  bodyLimit: 8 * 1024 * 1024,
  // Behind a load balancer the client address comes from X-Forwarded-For.
  trustProxy: true,
  return503OnClosing: true,
};
