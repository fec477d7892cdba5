import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PACKAGE_NAME = 'cchc-sgddt';
let root: string | undefined;

function isRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * The installation's root directory (where package.json, services/*\/seed and dist/ live), found
 * from this module's location, so shipped data loads whatever the working directory is.
 */
export function appRoot(): string {
  if (root) return root;
  // Compiled CommonJS has __dirname; Jest's ESM mode does not (tests run from the root).
  const start = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (isRoot(dir)) return (root = dir);
    if (dirname(dir) === dir) return (root = process.cwd());
  }
}

/** A path inside the installation, e.g. `appPath('services/plan-management/seed/…')`. */
export function appPath(relative: string): string {
  return join(appRoot(), relative);
}
