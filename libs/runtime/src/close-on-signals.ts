import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the app — workers finish or hand back their jobs, the gateway stops
 * accepting and drains — then the process exits 0. A close that hangs past `graceMs` exits 1
 * so an orchestrator is not left waiting; unfinished jobs are taken over as stalled.
 */
export function closeOnSignals(name: string, app: INestApplicationContext, afterClose: () => Promise<void> | void = () => undefined, graceMs = 30_000): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${name}: ${signal} received, shutting down`);
    const timer = setTimeout(() => {
      console.error(`${name}: shutdown took longer than ${graceMs / 1000}s; exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    try {
      await app.close();
      await afterClose();
      process.exit(0);
    } catch (error) {
      console.error(`${name}: error while shutting down: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}
