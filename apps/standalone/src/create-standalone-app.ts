import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@optout/config';
import { createGatewayApp } from '../../gateway/src/create-gateway-app';
import { WORKER_APPS } from './all-apps';

/** All four apps in one process: the gateway's HTTP surface plus every worker. */
export function createStandaloneApp(config: AppConfig): Promise<NestFastifyApplication> {
  return createGatewayApp(config, WORKER_APPS);
}
