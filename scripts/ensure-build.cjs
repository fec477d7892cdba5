// `npm start` on a fresh clone: install dependencies if missing, then build if the output is older
// than the sources. Plain Node (no dependencies of its own), so it runs before `npm ci` has.
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

// Install when node_modules is missing, or older than the lockfile (an upgrade changed dependencies).
const installed = join(root, 'node_modules', '.package-lock.json');
if (
  !existsSync(join(root, 'node_modules', '@nestjs', 'core')) ||
  !existsSync(installed) ||
  statSync(installed).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs
) {
  console.log('Installing dependencies (npm ci) …');
  run('npm ci --no-audit --no-fund');
}
if (process.argv.includes('--deps-only')) process.exit(0);

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p));
    else if (entry.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const marker = join(root, 'dist', 'apps', 'all-in-one', 'src', 'main.js');
const sources = Math.max(...['apps', 'services', 'libs', 'tools'].map((d) => newest(join(root, d))));
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
  console.log('Building (tsc) …');
  run('npm run build --silent');
}
// tsc rewrites only what changed; mark the build as current for the next start.
const now = new Date();
if (existsSync(marker)) require('node:fs').utimesSync(marker, now, now);

// The web console (apps/console, served at / by the all-in-one): rebuilt by Vite when its sources
// (TypeScript, CSS, index.html) are newer than the last build.
function newestConsoleSource(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'e2e') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newestConsoleSource(p));
    else t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const consoleIndex = join(root, 'dist', 'console', 'index.html');
if (
  !existsSync(consoleIndex) ||
  statSync(consoleIndex).mtimeMs < newestConsoleSource(join(root, 'apps', 'console'))
) {
  console.log('Building the web console (vite) …');
  run('npm run build:console --silent');
}
