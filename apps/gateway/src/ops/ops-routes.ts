import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { scrapeMetrics } from '@optout/observability';
import type { QueueStats } from '@optout/runtime';
import type { AuthFailureLimiter } from '../auth/auth-failure.limiter';
import { isAdmin, OPS_BASIC_CHALLENGE, OPS_UNAUTHORIZED } from './admin-credential.util';
import { QUEUE_DASHBOARD_PATH, registerQueueDashboard } from './queue-dashboard';

export interface OpsRoutesOptions {
  queues: Queue[];
  stats: QueueStats;
  adminToken: string | null;
  /** OPS_DASHBOARD_WRITE: the dashboard may change queues. */
  dashboardWritable: boolean;
  /** The gateway's failed-authentication limit, shared with the operations server when it has its own port. */
  authFailures: AuthFailureLimiter;
}

/**
 * The operations surface as one Fastify plugin, so that it can live on the public port beside
 * the API or alone on the internal OPS_PORT (ops-server.ts) with nothing duplicated:
 *
 * - `GET /metrics`, Prometheus text, unauthenticated like every scrape target (counts and
 *   timings, never a phone number or an account);
 * - everything under `/ops/queues` behind the admin token (bearer, or the basic-auth password
 *   for a browser): `GET /ops/queues/health` (every queue's state, read from Redis now) and the
 *   bull-board dashboard. A hook of that scope checks the token, so Nest guards are not involved.
 */
export async function registerOpsRoutes(fastify: FastifyInstance, options: OpsRoutesOptions): Promise<void> {
  fastify.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await scrapeMetrics();
    return reply.header('content-type', contentType).send(body);
  });
  await fastify.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (isAdmin(request.headers.authorization, options.adminToken)) return;
        await reply
          .code(401)
          .header('www-authenticate', OPS_BASIC_CHALLENGE)
          .send({ error: { code: 'unauthorized', message: OPS_UNAUTHORIZED, details: [] } });
      });
      scope.get('/health', async (_request, reply) => {
        const now = Date.now();
        return reply.header('cache-control', 'no-store').send({ checkedAt: new Date(now).toISOString(), queues: await options.stats.health(now) });
      });
      registerQueueDashboard(scope, options.queues, options.dashboardWritable);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

/** True for the paths the operations routes serve: what the public port refuses when OPS_PORT is set. */
export function isOpsPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/metrics' || path.startsWith('/metrics/') || path === '/ops' || path.startsWith('/ops/');
}
