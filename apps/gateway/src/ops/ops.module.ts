import { Module } from '@nestjs/common';
import { HealthController } from '../health/health.controller';
import { MetricsController } from './metrics.controller';
import { OpsAdminGuard } from './ops-admin.guard';
import { QueueHealthController } from './queue-health.controller';

/**
 * The gateway's operations surface: /health, /metrics and /ops/queues/health. The
 * dashboard at /ops/queues is a Fastify plugin, registered by create-gateway-app.ts.
 */
@Module({
  controllers: [HealthController, MetricsController, QueueHealthController],
  providers: [OpsAdminGuard],
})
export class OpsModule {}
