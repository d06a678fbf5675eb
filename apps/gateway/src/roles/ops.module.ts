import { Module } from '@nestjs/common';
import { OpsSurface } from '../ops/ops-surface';

/**
 * GATEWAY_ROLES `ops`: /metrics and the queue dashboard (/ops/queues), for Prometheus and the
 * operators. They are a Fastify plugin (ops/ops-routes.ts) that create-gateway-app.ts installs
 * through OpsSurface when this module is loaded, on the public port or on OPS_PORT.
 */
@Module({
  providers: [OpsSurface],
  exports: [OpsSurface],
})
export class OpsModule {}
