import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { formatIssues, formatPath } from './format-issues';

describe(formatPath.name, () => {
  it('writes array indexes in brackets and keys with dots', () => {
    expect(formatPath(['sections', 2, 'tasks', 4, 'budgetMillionVnd'])).toBe(
      'sections[2].tasks[4].budgetMillionVnd',
    );
    expect(formatPath([])).toBe('');
  });
});

describe(formatIssues.name, () => {
  it('names the failing field of a nested document', () => {
    const schema = z.object({ tasks: z.array(z.object({ budget: z.number() })) });
    const parsed = schema.safeParse({ tasks: [{ budget: 1 }, { budget: 'x' }] });
    expect(parsed.success).toBe(false);
    const issues = formatIssues(parsed.error!.issues);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('tasks[1].budget');
  });
});
