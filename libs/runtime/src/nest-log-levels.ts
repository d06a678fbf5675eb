import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from '@optout/config';

/** Nest's logger levels for the configured LOG_LEVEL. */
export function nestLogLevels(config: Pick<AppConfig, 'logLevel'>): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
  const upTo = { error: 0, warn: 1, info: 2, debug: 4 }[config.logLevel];
  return order.slice(0, upTo + 1);
}
