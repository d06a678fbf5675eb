import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one Prometheus registry of this process. Every metric of the platform is registered
 * here (not in prom-client's global registry), so /metrics shows exactly what we define.
 */
export const metricsRegistry = new Registry();

let processMetricsOn = false;

/**
 * CPU, memory, event-loop lag, GC and handles (prom-client's default set), labelled with the
 * app that runs in this process. Idempotent: the all-in-one process and tests start several
 * apps in one process, and registering the defaults twice would throw.
 */
export function enableProcessMetrics(app: string): void {
  if (processMetricsOn) return;
  processMetricsOn = true;
  metricsRegistry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: metricsRegistry });
}

/** The text a scrape gets, with its content type. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
