/**
 * Reading the Prometheus text exposition that /metrics serves, for assertions. One parser for
 * every suite, so that they agree on what a missing series is.
 */

/**
 * Value of the first sample of `name` carrying all of `labels` (in any order; other labels may
 * be there too), or undefined when there is none: a missing series is never read as 0, so
 * `expect(sample(…)).toBeGreaterThanOrEqual(0)` fails when the metric is missing.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = text.split('\n').find((candidate) => {
    if (!candidate.startsWith(`${name}{`) && !candidate.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`));
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * How much a counter moved between two scrapes. A counter's series appears on its first
 * increment, so here (and only here) a missing series counts as 0.
 */
export function counterDelta(before: string, after: string, name: string, labels: Record<string, string> = {}): number {
  return (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
}

/** The text of one scrape of `baseUrl`/metrics; fails unless it answers 200. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  return response.text();
}
