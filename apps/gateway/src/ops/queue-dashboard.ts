import { dirname } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { isAdmin, OPS_BASIC_CHALLENGE } from './admin-credential.util';
import { BullBoardFastifyAdapter } from './bull-board-fastify.adapter';
import { OPS_UNAUTHORIZED } from './ops-admin.guard';

export const QUEUE_DASHBOARD_PATH = '/ops/queues';

/**
 * bull-board at /ops/queues for every queue, on the gateway's own Fastify instance. It is a
 * Fastify plugin, not a Nest controller, so Nest guards never see its routes: the admin
 * check is a hook of the plugin's own scope (every page, asset and API call of the board),
 * and a 401 asks a browser for basic auth. Register before the app listens.
 */
export async function registerQueueDashboard(app: NestFastifyApplication, queues: Queue[], adminToken: string | null): Promise<void> {
  const board = new BullBoardFastifyAdapter(`${QUEUE_DASHBOARD_PATH}/`);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiBasePath: dirname(require.resolve('@bull-board/ui/package.json')), uiConfig: { boardTitle: 'optout queues' } },
  });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (isAdmin(request.headers.authorization, adminToken)) return;
      await reply
        .code(401)
        .header('www-authenticate', OPS_BASIC_CHALLENGE)
        .send({ error: { code: 'unauthorized', message: OPS_UNAUTHORIZED, details: [] } });
    });
    board.routes(scope);
  }, { prefix: QUEUE_DASHBOARD_PATH });
}
