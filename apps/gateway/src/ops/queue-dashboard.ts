import { dirname } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { BullBoardFastifyAdapter } from './bull-board-fastify.adapter';

export const QUEUE_DASHBOARD_PATH = '/ops/queues';

/** What a change through a read-only dashboard answers. */
export const DASHBOARD_READ_ONLY = {
  error: {
    code: 'dashboard_read_only',
    message: 'The queue dashboard is read-only: set OPS_DASHBOARD_WRITE=true on the gateway to empty, pause, retry, clean or add jobs from it',
    details: [],
  },
};

/**
 * bull-board's page, assets and JSON API for every queue, into `scope` (the /ops/queues scope
 * of the operations routes, whose hook has already checked the admin token).
 *
 * Read-only unless `writable`: one leaked admin password must not be enough to empty a queue
 * or inject consent jobs for any tenant. Two locks, so that a bull-board upgrade adding a
 * mutating route that forgets its own check does not open it: bull-board's `readOnlyMode`
 * (hides the buttons, its handlers answer 405) and a hook answering 405 to every method but
 * GET and HEAD before bull-board sees the request.
 */
export function registerQueueDashboard(scope: FastifyInstance, queues: Queue[], writable: boolean): void {
  const board = new BullBoardFastifyAdapter(`${QUEUE_DASHBOARD_PATH}/`);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: !writable })),
    serverAdapter: board,
    options: { uiBasePath: dirname(require.resolve('@bull-board/ui/package.json')), uiConfig: { boardTitle: writable ? 'optout queues' : 'optout queues (read-only)' } },
  });
  if (!writable) {
    scope.addHook('onRequest', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      await reply.code(405).header('allow', 'GET, HEAD').send(DASHBOARD_READ_ONLY);
    });
  }
  board.routes(scope);
}
