import type { core } from 'zod';

/** `a.b[2].c` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One readable line per issue, each naming the field it is about. */
export function formatIssues(issues: readonly core.$ZodIssue[]): Array<{ path: string; message: string }> {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}
