import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, LoadConfigOptions } from '@optout/config';
import { PinoLoggerService } from '@optout/observability';
import { closeOnSignals, holdSignalsDuringStartup } from './close-on-signals';
import { HealthChecks } from './health/health-checks.service';
import { rootModuleFor } from './infrastructure.module';
import { MetricsServer } from './ops/metrics-server';
import { processLogger } from './process-logger';
import { assertRedisSettings } from './redis-settings.check';

/**
 * Entry point of a worker process (classifier, blocklist, dispatcher): its queues, JSON logs,
 * and a small HTTP server on METRICS_PORT for /metrics and /health (0: none). SIGTERM closes
 * the workers, letting active jobs finish, then that server.
 */
export async function runWorkerProcess(name: string, app: Type, options: LoadConfigOptions = {}): Promise<void> {
  holdSignalsDuringStartup();
  try {
    const config = loadConfig(process.env, options);
    const logger = processLogger(name, config);
    await assertRedisSettings(config);
    const context = await NestFactory.createApplicationContext(rootModuleFor(config, [app]), { logger });
    const server = config.metricsPort === 0 ? null : await MetricsServer.start(config.metricsPort, context.get(HealthChecks, { strict: false }));
    closeOnSignals(name, context, () => server?.close());
    new Logger('Bootstrap').log({
      msg: `${name} worker running (queue prefix ${config.queuePrefix})${server ? `; metrics and health on :${server.port}` : ''}`,
      queuePrefix: config.queuePrefix,
      metricsPort: server?.port ?? null,
    });
  } catch (error) {
    exitWithStartupError(name, error);
  }
}

/** One JSON line saying why the process did not start (every bad setting, for a ConfigError), then exit 1. */
export function exitWithStartupError(name: string, error: unknown): never {
  const reason = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  const logger = PinoLoggerService.create({ app: name, level: 'error' });
  logger.fatal({ msg: `${name} did not start: ${reason}`, ...(error instanceof ConfigError ? { problems: error.problems } : {}) }, 'Bootstrap');
  process.exit(1);
}
