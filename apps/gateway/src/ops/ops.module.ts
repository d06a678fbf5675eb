import { Module } from '@nestjs/common';
import { HealthController } from '../health/health.controller';

/**
 * The gateway's health probes, always on the public port (load balancers and orchestrators
 * call them). /metrics and /ops are a Fastify plugin (ops-routes.ts), registered by
 * create-gateway-app.ts on this port or on the internal OPS_PORT.
 */
@Module({
  controllers: [HealthController],
})
export class OpsModule {}
