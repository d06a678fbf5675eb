import autocannon from 'autocannon';

/**
 * The load generator, always run as its own process (forked by a benchmark) so that it does
 * not share an event loop with what it measures. Prints one JSON line with the figures.
 *
 * The `LoadSpec` arrives as the first IPC message (a 1000-message batch template is too
 * large for a command line). Bodies can be made unique per request: `bodyTemplate`'s
 * `{{n}}` is replaced by a counter (for the inbound message ids, which must differ).
 */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  bodyTemplate?: string;
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
          return spec.bodyTemplate ? { ...request, path, body: spec.bodyTemplate.split('{{n}}').join(`${salt}-${n}`) } : { ...request, path };
        },
      },
    ],
  });
  const output: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
  };
  process.send?.(output, () => process.exit(0));
}

process.once('message', (spec) => void main(spec as LoadSpec));
