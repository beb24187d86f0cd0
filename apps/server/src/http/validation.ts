import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/**
 * Request validation for every route: the route's zod schema, plus one rule no schema has to repeat.
 * No text in a request may hold a NUL character: PostgreSQL cannot store one in text (error 22021),
 * so such input would otherwise fail inside a query as a 500. It is refused here as a 400 that names
 * the field, before any handler runs.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const schema = route.schema;
  if (!(schema instanceof z.ZodType)) return zodValidatorCompiler(route);
  return zodValidatorCompiler({ ...route, schema: schema.superRefine(refuseNul) });
};

const NUL_MESSAGE = 'Text may not contain a NUL character';

/** Adds an issue at every string (or object key) inside `value` that holds a NUL character. */
function refuseNul(value: unknown, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) ctx.addIssue({ code: 'custom', message: NUL_MESSAGE, path });
    return;
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) ctx.addIssue({ code: 'custom', message: NUL_MESSAGE, path });
    refuseNul(child, ctx, [...path, Array.isArray(value) ? Number(key) : key]);
  }
}
