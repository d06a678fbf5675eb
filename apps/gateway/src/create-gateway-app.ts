import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@optout/config';
import { nestLogLevels, rootModuleFor } from '@optout/runtime';
import { configureHttpApp } from './http/configure-http-app';
import { FASTIFY_OPTIONS } from './http/fastify-options';
import { GatewayModule } from './gateway.module';

/** The gateway's HTTP app, with whatever worker modules share its process (none, or all of them). */
export async function createGatewayApp(config: AppConfig, workers: Type[] = []): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModuleFor(config, [GatewayModule, ...workers]), new FastifyAdapter(FASTIFY_OPTIONS), {
    logger: nestLogLevels(config),
  });
  return configureHttpApp(app);
}
