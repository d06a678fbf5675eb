import type { FastifyServerOptions } from 'fastify';

/** 1 MiB is far above a 1000-message batch of 1600-character texts' worst realistic size. */
export const FASTIFY_OPTIONS: FastifyServerOptions = {
  bodyLimit: 1024 * 1024,
  // Behind a load balancer the client address comes from X-Forwarded-For.
  trustProxy: true,
  return503OnClosing: true,
};
