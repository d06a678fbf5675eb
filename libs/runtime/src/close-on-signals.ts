import { INestApplicationContext, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { HealthChecks } from './health/health-checks.service';
import { drainHttp } from './http-drain';

/**
 * SIGTERM/SIGINT: readiness turns false; an HTTP app stops accepting and answers what is in
 * flight; then the app closes — workers finish their active jobs while Postgres and Redis
 * are still open (jobs not yet taken stay queued for another replica) — and the process
 * exits 0. A close that hangs past `graceMs` exits 1 so an orchestrator is not left waiting;
 * jobs left active are then taken over as stalled by another worker.
 */
export function closeOnSignals(name: string, app: INestApplicationContext, afterClose: () => Promise<void> | void = () => undefined, graceMs = 30_000): void {
  const logger = new Logger('Shutdown');
  process.removeListener('SIGTERM', holdSignal);
  process.removeListener('SIGINT', holdSignal);
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ msg: `${name}: ${signal} received, shutting down`, signal });
    const timer = setTimeout(() => {
      logger.error(`${name}: shutdown took longer than ${graceMs / 1000}s; exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    try {
      app.get(HealthChecks, { strict: false }).markShuttingDown();
      const http = httpServerOf(app);
      if (http) await drainHttp(http);
      await app.close();
      await afterClose();
      logger.log(`${name}: stopped`);
      process.exit(0);
    } catch (error) {
      logger.error(`${name}: error while shutting down: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
  if (heldSignal) void shutdown(heldSignal);
}

let heldSignal: NodeJS.Signals | null = null;
const holdSignal = (signal: NodeJS.Signals) => void (heldSignal ??= signal);

/**
 * A SIGTERM that arrives while the process is still starting (a rolling deploy, a scale-down
 * right after a scale-up) is kept, not fatal: closeOnSignals() acts on it as soon as the app
 * exists, so the process still closes cleanly and exits 0.
 */
export function holdSignalsDuringStartup(): void {
  process.on('SIGTERM', holdSignal);
  process.on('SIGINT', holdSignal);
}

function httpServerOf(app: INestApplicationContext): FastifyInstance | null {
  const adapter = (app as { getHttpAdapter?: () => { getInstance(): unknown } }).getHttpAdapter?.();
  const instance = adapter?.getInstance() as FastifyInstance | undefined;
  return instance && typeof instance.close === 'function' && instance.server ? instance : null;
}
