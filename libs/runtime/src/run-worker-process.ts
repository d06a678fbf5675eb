import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@optout/config';
import { rootModuleFor } from './infrastructure.module';
import { closeOnSignals } from './close-on-signals';
import { nestLogLevels } from './nest-log-levels';

/**
 * Entry point of a worker process (classifier, blocklist, dispatcher): no HTTP surface of its
 * own yet, just its queues. SIGTERM closes the workers, letting active jobs finish.
 */
export async function runWorkerProcess(name: string, app: Type): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const context = await NestFactory.createApplicationContext(rootModuleFor(config, [app]), { logger: nestLogLevels(config) });
    closeOnSignals(name, context);
    console.log(`${name} worker running (queue prefix ${config.queuePrefix})`);
  } catch (error) {
    exitWithStartupError(name, error);
  }
}

export function exitWithStartupError(name: string, error: unknown): never {
  console.error(`${name} did not start: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
