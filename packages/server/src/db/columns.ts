// Column types shared by every schema file, so each slice's tables map values the same way on both drivers.
import { customType, timestamp } from 'drizzle-orm/pg-core';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * jsonb whose value comes back exactly as stored. Both drivers already parse jsonb; Drizzle's own jsonb
 * parses string results a second time, turning the stored JSON string "140322" into the number 140322.
 */
export const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

/** bytea as a Buffer on both drivers (PGlite gives a Uint8Array, node-postgres a Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});
