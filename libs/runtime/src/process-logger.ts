import { Logger } from '@nestjs/common';
import type { AppConfig } from '@optout/config';
import { enableProcessMetrics, PinoLoggerService } from '@optout/observability';

const loggers = new Map<string, PinoLoggerService>();

/**
 * The JSON logger of a process (Nest's logger is replaced with it), and its process metrics.
 * One per app name and level, so that tests starting several systems in one process share it.
 */
export function processLogger(app: string, config: Pick<AppConfig, 'logLevel'>): PinoLoggerService {
  enableProcessMetrics(app);
  const key = `${app}:${config.logLevel}`;
  let logger = loggers.get(key);
  if (!logger) {
    logger = PinoLoggerService.create({ app, level: config.logLevel });
    loggers.set(key, logger);
  }
  // Lines logged before Nest starts (the Redis check, start-up errors) are JSON too.
  Logger.overrideLogger(logger);
  return logger;
}
