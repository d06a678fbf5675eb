import autocannon from 'autocannon';

/**
 * The load generator, always run as its own process (forked by a benchmark) so that it does
 * not share an event loop with what it measures. Prints one JSON line with the figures.
 *
 * The `LoadSpec` arrives as the first IPC message (a 1000-message batch template is too
 * large for a command line). Bodies can be made unique per request: `bodyTemplate`'s
 * `{{n}}` is replaced by a counter (for the inbound message ids, which must differ), and
 * `{{seq}}` by the bare counter as seven digits (for phone numbers that must differ).
 */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  bodyTemplate?: string;
  /** Several templates, used in turn (request n takes `bodyTemplates[n % length]`); wins over `bodyTemplate`. */
  bodyTemplates?: string[];
  /** Paths (under `url`'s origin) visited in turn, one per request. */
  paths?: string[];
  /** Requests per second across all connections; unset: as fast as it goes. */
  overallRate?: number;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  requests: number;
}

async function main(spec: LoadSpec): Promise<void> {
  let counter = 0;
  const salt = Date.now().toString(36);
  const result = await autocannon({
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.durationSeconds,
    overallRate: spec.overallRate,
    requests: [
      {
        setupRequest: (request) => {
          const n = counter++;
          const path = spec.paths ? spec.paths[n % spec.paths.length] : request.path;
          const template = spec.bodyTemplates ? spec.bodyTemplates[n % spec.bodyTemplates.length] : spec.bodyTemplate;
          if (!template) return { ...request, path };
          const body = template.split('{{n}}').join(`${salt}-${n}`).split('{{seq}}').join(String(n % 10_000_000).padStart(7, '0'));
          return { ...request, path, body };
        },
      },
    ],
  });
  const output: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
  };
  process.send?.(output, () => process.exit(0));
}

process.once('message', (spec) => void main(spec as LoadSpec));
