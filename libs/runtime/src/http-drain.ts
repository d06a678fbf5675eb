import type { FastifyInstance } from 'fastify';

const DRAINING = Symbol('optout.draining');
type Drainable = FastifyInstance & { [DRAINING]?: boolean };

/**
 * Lets the gateway drain on SIGTERM: every response sent while draining says
 * `Connection: close`, so that clients open their next request elsewhere. Register before
 * the app listens.
 */
export function installHttpDrain(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if ((fastify as Drainable)[DRAINING]) void reply.header('connection', 'close');
    return payload;
  });
}

/**
 * Stops accepting connections and waits for the requests in flight to be answered (a 202 is
 * only sent once Redis holds the message). Keep-alive connections are closed as soon as they
 * fall idle, rather than after their keep-alive timeout: the drain lasts as long as the
 * slowest request, not 72 seconds.
 */
export async function drainHttp(fastify: FastifyInstance): Promise<void> {
  (fastify as Drainable)[DRAINING] = true;
  const closeIdle = setInterval(() => fastify.server.closeIdleConnections(), 50);
  try {
    await fastify.close();
  } finally {
    clearInterval(closeIdle);
  }
}
