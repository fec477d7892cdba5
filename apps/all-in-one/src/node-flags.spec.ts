import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_IN_ONE_NODE_FLAGS, ALL_IN_ONE_OLD_SPACE_MB, heapBudgetWarning } from './node-flags';

// Jest runs from the repository root.
const ROOT = process.cwd();
const MAIN = 'dist/apps/all-in-one/src/main.js';
const MB = 1024 * 1024;

describe('the all-in-one Node flags', () => {
  it('are the ones npm start passes, before the script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${ALL_IN_ONE_NODE_FLAGS.join(' ')} ${MAIN}`);
  });

  it('are in the systemd example of the runbook', () => {
    const runbook = readFileSync(join(ROOT, 'docs', 'runbook.md'), 'utf8');
    expect(runbook).toContain(`ExecStart=/usr/bin/node ${ALL_IN_ONE_NODE_FLAGS.join(' ')} ${MAIN}`);
  });

  it('give V8 a heap limit within the budget: no warning', () => {
    const limit = Number(
      execFileSync(process.execPath, [
        ...ALL_IN_ONE_NODE_FLAGS,
        '-p',
        'require("node:v8").getHeapStatistics().heap_size_limit',
      ]).toString(),
    );
    expect(limit).toBeGreaterThanOrEqual(ALL_IN_ONE_OLD_SPACE_MB * MB);
    expect(heapBudgetWarning(limit)).toBeNull();
  });

  it('warns, naming the flags, when the heap limit is well above the budget', () => {
    expect(heapBudgetWarning((ALL_IN_ONE_OLD_SPACE_MB + 256) * MB)).toBeNull();
    const warning = heapBudgetWarning(4144 * MB);
    expect(warning).toContain('4144 MB');
    expect(warning).toContain(`--max-old-space-size=${ALL_IN_ONE_OLD_SPACE_MB}`);
  });
});
