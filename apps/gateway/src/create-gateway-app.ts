import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '@optout/config';
import { JobProducer } from '@optout/queue';
import { installHttpDrain, processLogger, QueueStats, rootModuleFor } from '@optout/runtime';
import { configureHttpApp } from './http/configure-http-app';
import { CONSOLE_PATH, consoleStaticPlugin } from './console/console-static.plugin';
import { FASTIFY_OPTIONS } from './http/fastify-options';
import { installSecurityHeaders } from './http/security-headers';
import { GatewayModule } from './gateway.module';
import { isOpsPath, OpsRoutesOptions, registerOpsRoutes } from './ops/ops-routes';
import { startOpsServer } from './ops/ops-server';

/**
 * The gateway's HTTP app, with whatever worker modules share its process (none, or all of
 * them): JSON logs, security headers, the operations routes (/metrics, /ops) on this port or on
 * OPS_PORT, and a drain on shutdown.
 */
export async function createGatewayApp(config: AppConfig, workers: Type[] = []): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModuleFor(config, [GatewayModule, ...workers]), new FastifyAdapter(FASTIFY_OPTIONS), {
    logger: processLogger(workers.length > 0 ? 'standalone' : 'gateway', config),
  });
  const fastify = app.getHttpAdapter().getInstance();
  installHttpDrain(fastify);
  // Before any scope is registered: a Fastify scope copies its parent's hooks when it is created.
  installSecurityHeaders(fastify);
  const ops: OpsRoutesOptions = {
    queues: app.get(JobProducer).allQueues(),
    stats: app.get(QueueStats, { strict: false }),
    adminToken: config.adminToken,
    dashboardWritable: config.opsDashboardWrite,
  };
  if (config.opsPort === null) {
    await app.register(async (scope: FastifyInstance) => registerOpsRoutes(scope, ops));
  } else {
    // Not on the public port at all: a 404 as for any unknown path, before routing.
    fastify.addHook('onRequest', async (request, reply) => {
      if (isOpsPath(request.url)) await reply.code(404).send({ error: { code: 'not_found', message: `Route ${request.method}:${request.url.split('?')[0]} not found`, details: [] } });
    });
    const opsServer = await startOpsServer(config.opsPort, ops);
    fastify.addHook('onClose', async () => opsServer.close());
  }
  await app.register(consoleStaticPlugin, { prefix: CONSOLE_PATH });
  return configureHttpApp(app);
}
