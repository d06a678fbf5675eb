import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@optout/config';
import { JobProducer } from '@optout/queue';
import { installHttpDrain, processLogger, rootModuleFor } from '@optout/runtime';
import { configureHttpApp } from './http/configure-http-app';
import { FASTIFY_OPTIONS } from './http/fastify-options';
import { GatewayModule } from './gateway.module';
import { registerQueueDashboard } from './ops/queue-dashboard';

/**
 * The gateway's HTTP app, with whatever worker modules share its process (none, or all of
 * them): JSON logs, the queue dashboard at /ops/queues, and a drain on shutdown.
 */
export async function createGatewayApp(config: AppConfig, workers: Type[] = []): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModuleFor(config, [GatewayModule, ...workers]), new FastifyAdapter(FASTIFY_OPTIONS), {
    logger: processLogger(workers.length > 0 ? 'standalone' : 'gateway', config),
  });
  installHttpDrain(app.getHttpAdapter().getInstance());
  await registerQueueDashboard(app, app.get(JobProducer).allQueues(), config.adminToken);
  return configureHttpApp(app);
}
