import { customType } from 'drizzle-orm/pg-core';

/**
 * Sealed bytes. Drizzle 0.45 has no built-in `bytea`; node-postgres hands back a Buffer and PGlite a
 * Uint8Array, so both are normalised to a plain Uint8Array here.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) =>
    value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value,
});
