import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { enableProcessMetrics, metricsRegistry } from '@optout/observability';

const DEPLOY = resolve(__dirname, '../../deploy');
const read = (path: string) => readFileSync(resolve(DEPLOY, path), 'utf8');

/** Every series name the processes expose: our metrics (with histogram suffixes) and prom-client's process set. */
async function exposedNames(): Promise<Set<string>> {
  enableProcessMetrics('test');
  const names = new Set<string>(['up']);
  for (const metric of await metricsRegistry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

/** Metric names a PromQL text refers to (ours and the process metrics), not recording rules or functions. */
function referencedNames(promql: string): string[] {
  return [...promql.matchAll(/\b((?:optout|process|nodejs)_[a-z0-9_]+|up)\b(?=\s*[{[)\s=]|$)/g)].map((match) => match[1]);
}

/**
 * The monitoring that ships in deploy/ reads metrics that exist: a renamed metric or a typo
 * in a panel would otherwise show an empty graph on the day it is needed.
 */
describe('deploy/ monitoring', () => {
  it('has a dashboard with queue depth, throughput, time to block and webhook failures', () => {
    const dashboard = JSON.parse(read('grafana/dashboards/optout.json')) as { uid: string; panels: Array<{ title: string; type: string }> };
    const titles = dashboard.panels.filter((panel) => panel.type !== 'row').map((panel) => panel.title);
    expect(titles).toEqual(expect.arrayContaining(['Queue depth: waiting', 'Throughput: jobs completed per second', 'Time to block', 'Webhook failure ratio', 'Workers up, by app']));
    expect(read('grafana/provisioning/dashboards/optout.yml')).toContain('path: /etc/grafana/dashboards');
    expect(read('grafana/provisioning/datasources/prometheus.yml')).toContain('uid: optout-prometheus');
  });

  it('queries only metrics the processes expose', async () => {
    const names = await exposedNames();
    const dashboard = JSON.parse(read('grafana/dashboards/optout.json')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const expressions = [...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)), read('prometheus/rules.yml')];
    const referenced = new Set(expressions.flatMap(referencedNames));
    expect(referenced.size).toBeGreaterThan(8);
    expect([...referenced].filter((name) => !names.has(name))).toEqual([]);
  });

  it('scrapes both gateways on their internal operations port and each worker on its metrics port', () => {
    const config = read('prometheus/prometheus.yml');
    for (const [job, names, port] of [['gateway', 'gateway-edge, gateway-admin', 9464], ['classifier', 'classifier', 9464], ['blocklist', 'blocklist', 9464], ['dispatcher', 'dispatcher', 9464]] as const) {
      expect(config).toMatch(new RegExp(`job_name: ${job}\\n(?:.*\\n){1,4}\\s+- names: \\[${names}\\]\\n\\s+type: A\\n\\s+port: ${port}`));
    }
  });
});
