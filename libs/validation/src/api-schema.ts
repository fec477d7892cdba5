import type { ApiBodyOptions } from '@nestjs/swagger';
import { z, type ZodType } from 'zod';

type SchemaObject = Extract<ApiBodyOptions, { schema: unknown }>['schema'];

/**
 * The OpenAPI (JSON Schema) form of a zod schema, for `@ApiBody({ schema })`: the request bodies on
 * /api/docs come from the same schemas that validate them.
 */
export function apiSchema(schema: ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
