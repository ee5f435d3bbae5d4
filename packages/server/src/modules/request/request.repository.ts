// SQL of requests (诉求): the current row and its append-only event log. Reads take the caller's data scope.
import type { Executor } from '../../db/client.js';
import { serviceRequestEvents, serviceRequests } from '../../db/schema-service.js';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type NewRequestRow = typeof serviceRequests.$inferInsert;
export type NewRequestEventRow = typeof serviceRequestEvents.$inferInsert;

export async function insertRequest(tx: Executor, row: NewRequestRow): Promise<RequestRow> {
  const [inserted] = await tx.insert(serviceRequests).values(row).returning();
  return inserted!;
}

export async function insertRequestEvent(tx: Executor, row: NewRequestEventRow): Promise<void> {
  await tx.insert(serviceRequestEvents).values(row);
}
