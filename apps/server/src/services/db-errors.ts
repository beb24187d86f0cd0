/** PostgreSQL's unique_violation, from node-postgres or PGlite, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === '23505') return constraint === undefined || e.constraint === constraint;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A PostgreSQL data exception (SQLSTATE class 22: a NUL in text, a malformed UUID or number, a value
 * out of range), from node-postgres or PGlite, possibly wrapped by drizzle: the input was bad.
 */
export function isDataException(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; ) {
    if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
