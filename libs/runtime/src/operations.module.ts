import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthChecks } from './health/health-checks.service';
import { QueueStats } from './ops/queue-stats.service';

/** What every process offers its operators: health checks and queue statistics (for /ops and /metrics). */
@Global()
@Module({
  // Readiness changes are logged once by HealthChecks, not on every failed probe.
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [HealthChecks, QueueStats],
  exports: [HealthChecks, QueueStats],
})
export class OperationsModule {}
