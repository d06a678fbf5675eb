import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_CPU_PROF=<dir>` on a benchmark):
 * the share of busy time (idle excluded) per package or area, and the hottest functions by
 * self time. Usage: `node dist/bench/support/profile-summary.js <file.cpuprofile> [top] [fromMs toMs]`.
 * Shares, not absolute times, are what to read on a shared machine.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: an npm package, Node's internals, our code, or V8's own buckets. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const packages = url.split('node_modules/');
  if (packages.length > 1) {
    const path = packages[packages.length - 1].split('/');
    return path[0].startsWith('@') ? `${path[0]}/${path[1]}` : path[0];
  }
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  const ours = /\/dist\/(apps|libs)\/([^/]+)/.exec(url);
  return ours ? `ours: ${ours[1]}/${ours[2]}` : url;
}

/**
 * `window` (ms since the profile started, which is the process's start) keeps only the samples
 * taken under load: start-up (module loading, migrations) is not what a route costs.
 */
export function summarise(profile: CpuProfile, top = 25, window?: { fromMs: number; toMs: number }): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromMs * 1000 || at > window.toMs * 1000)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let total = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += time;
      continue;
    }
    total += time;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + time);
    const name = `${functionName || '(anonymous)'} ${area}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  const share = (time: number) => `${((time / total) * 100).toFixed(1).padStart(5)} %`;
  const lines = [`busy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s (${((idle / (total + idle)) * 100).toFixed(0)} % idle)`, '', 'by area (self time, share of busy time):'];
  for (const [area, time] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${share(time)}  ${area}`);
  lines.push('', 'hottest functions (self time):');
  for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${share(time)}  ${name}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top, fromMs, toMs] = process.argv.slice(2);
  const window = fromMs && toMs ? { fromMs: Number(fromMs), toMs: Number(toMs) } : undefined;
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25), window));
}
