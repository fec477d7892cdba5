// Writes dashboards/generated/*.json from dashboards/src. Deterministic: the same sources give the
// same bytes (the spec fails when the committed files are stale). Stale files are removed.
// Run: `npm run build && node dist/dashboards/build.js` (the `dashboards:build` script).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '@cchc/config';
import { GENERATED_DIR, buildDashboards, renderDashboard } from './src';

function main(): void {
  const outDir = join(appRoot(), GENERATED_DIR);
  mkdirSync(outDir, { recursive: true });
  const built = buildDashboards();
  const wanted = new Set(built.map((b) => b.file));
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.json') && !wanted.has(file)) rmSync(join(outDir, file));
  }
  for (const { file, dashboard } of built) {
    writeFileSync(join(outDir, file), renderDashboard(dashboard));
    process.stdout.write(`${join(GENERATED_DIR, file)}  ${dashboard.uid ?? ''}  ${dashboard.title ?? ''}\n`);
  }
}

main();
