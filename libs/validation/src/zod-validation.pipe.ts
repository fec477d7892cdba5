import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { formatIssues } from './format-issues';

/**
 * Validates a request body, query or param against a zod schema at the edge. A failure is a 400
 * whose `errors` name each field (`tasks[3].budgetMillionVnd: expected number, received string`).
 */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T>,
    private readonly what = 'request',
  ) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `Invalid ${this.what}`,
      errors: formatIssues(parsed.error.issues),
    });
  }
}
