import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@optout/config';
import { installHttpDrain, processLogger, rootModuleFor } from '@optout/runtime';
import { configureHttpApp } from './http/configure-http-app';
import { CONSOLE_PATH, consoleStaticPlugin } from './console/console-static.plugin';
import { FASTIFY_OPTIONS } from './http/fastify-options';
import { installSecurityHeaders } from './http/security-headers';
import { trustProxyOf } from './http/trust-proxy';
import { AuthFailureLimiter, installAuthFailureLimit } from './auth/auth-failure.limiter';
import { GatewayModule } from './gateway.module';
import { OpsSurface } from './ops/ops-surface';

/**
 * The gateway's HTTP app for its GATEWAY_ROLES, with whatever worker modules share its process
 * (none, or all of them): JSON logs, security headers, the operations routes (/metrics, /ops)
 * when it runs the `ops` role, on this port or on OPS_PORT, the console's page with the `admin`
 * role, and a drain on shutdown.
 */
export async function createGatewayApp(config: AppConfig, workers: Type[] = []): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModuleFor(config, [GatewayModule.forRoles(config.gatewayRoles), ...workers]), new FastifyAdapter({ ...FASTIFY_OPTIONS, trustProxy: trustProxyOf(config) }), {
    logger: processLogger(workers.length > 0 ? 'standalone' : 'gateway', config),
  });
  const fastify = app.getHttpAdapter().getInstance();
  installHttpDrain(fastify);
  // Before any scope is registered: a Fastify scope copies its parent's hooks when it is created.
  installSecurityHeaders(fastify);
  const authFailures = new AuthFailureLimiter(config.authFailuresPerMinute);
  installAuthFailureLimit(fastify, authFailures);
  // Only a gateway running the `ops` role has the module, hence the routes.
  if (config.gatewayRoles.includes('ops')) await app.get(OpsSurface, { strict: false }).install(app, authFailures);
  // The console's page belongs with the account API it calls (role `admin`).
  if (config.gatewayRoles.includes('admin')) await app.register(consoleStaticPlugin, { prefix: CONSOLE_PATH });
  return configureHttpApp(app);
}
