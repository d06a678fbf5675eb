import { Inject, Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { JobProducer } from '@optout/queue';
import { QueueStats } from '@optout/runtime';
import type { AuthFailureLimiter } from '../auth/auth-failure.limiter';
import { isOpsPath, OpsRoutesOptions, registerOpsRoutes } from './ops-routes';
import { startOpsServer } from './ops-server';

/**
 * The operations surface (/metrics, /ops) of a gateway running the `ops` role: a Fastify
 * plugin rather than Nest controllers, installed by create-gateway-app.ts before the app
 * initialises — on the public port, or alone on the internal OPS_PORT.
 */
@Injectable()
export class OpsSurface {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
    private readonly stats: QueueStats,
  ) {}

  /** `authFailures`: the gateway's failed-authentication limit, which the internal port shares. */
  async install(app: NestFastifyApplication, authFailures: AuthFailureLimiter): Promise<void> {
    const fastify = app.getHttpAdapter().getInstance();
    const ops: OpsRoutesOptions = {
      queues: this.producer.allQueues(),
      stats: this.stats,
      adminToken: this.config.adminToken,
      dashboardWritable: this.config.opsDashboardWrite,
      authFailures,
    };
    if (this.config.opsPort === null) {
      await app.register(async (scope: FastifyInstance) => registerOpsRoutes(scope, ops));
      return;
    }
    // Not on the public port at all: a 404 as for any unknown path, before routing.
    fastify.addHook('onRequest', async (request, reply) => {
      if (isOpsPath(request.url)) await reply.code(404).send({ error: { code: 'not_found', message: `Route ${request.method}:${request.url.split('?')[0]} not found`, details: [] } });
    });
    const opsServer = await startOpsServer(this.config.opsPort, ops);
    fastify.addHook('onClose', async () => opsServer.close());
  }
}
