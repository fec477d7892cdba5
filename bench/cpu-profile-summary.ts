// `node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top]`: where a service process spent its
// time, from the V8 CPU profile that `npm run bench -- --cpu-prof DIR` makes it write: self time by
// package (idle, GC, pg, nats, express, our code…) and the top functions.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Bucket of a script URL: a package under node_modules, our code under dist/, node internals. */
function area(url: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /dist\/((?:libs|services|apps)\/[^/]+)/.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

function summarise(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((s, v) => s + v, 0);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id)!;
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const show = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(7)} s  ${k}`,
      )
      .join('\n');
  console.log(`${path}: ${(total / 1e6).toFixed(1)} s sampled\n\nBy area (self time):\n${show(areas)}\n`);
  console.log(`Top functions (self time):\n${show(functions)}\n`);
}

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top]');
  process.exit(2);
}
summarise(file, Number(top ?? 15));
