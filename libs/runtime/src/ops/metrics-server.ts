import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { scrapeMetrics } from '@optout/observability';
import type { HealthChecks, HealthReport } from '../health/health-checks.service';

/** A worker's own small HTTP server: GET /metrics, /health/live, /health/ready. Nothing else. */
export class MetricsServer {
  private constructor(private readonly server: Server) {}

  /**
   * Listens on `port` (all interfaces: Prometheus and the orchestrator reach it from outside).
   * A port already taken is logged and the worker runs on without it: its jobs matter more
   * than its metrics. Two workers on one host need a METRICS_PORT each.
   */
  static async start(port: number, health: HealthChecks): Promise<MetricsServer | null> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const reply = (status: number, contentType: string, body: string) => response.writeHead(status, { 'content-type': contentType }).end(body);
      const json = (report: HealthReport) => reply(report.status, 'application/json; charset=utf-8', JSON.stringify(report.body));
      if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'text/plain', 'GET only\n');
      const answer =
        path === '/metrics'
          ? scrapeMetrics().then(({ contentType, body }) => reply(200, contentType, body))
          : path === '/health/live'
            ? health.live().then(json)
            : path === '/health/ready'
              ? health.ready().then(json)
              : Promise.resolve(reply(404, 'text/plain', 'Try /metrics, /health/live or /health/ready\n'));
      answer.catch((error: unknown) => reply(500, 'text/plain', `${error instanceof Error ? error.message : String(error)}\n`));
    });
    const logger = new Logger('MetricsServer');
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        logger.error(`metrics and health server not started on port ${port}: ${error.code ?? error.message}. Give each worker process on one host its own METRICS_PORT (0 turns it off).`);
        resolve(false);
      });
      server.listen(port, '0.0.0.0', () => resolve(true));
    });
    if (!listening) return null;
    // A scrape holds no keep-alive connection hostage at shutdown.
    server.keepAliveTimeout = 5_000;
    return new MetricsServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
