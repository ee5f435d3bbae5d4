import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Core tables in schema.ts; each slice with tables of its own adds src/db/schema-<slice>.ts.
  schema: './src/db/schema*.ts',
  out: './migrations',
});
