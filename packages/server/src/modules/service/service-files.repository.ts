// The files attached to service work (service_files): a visit's photos, a training's materials, a
// supervision's minutes. One owner kind per slice; each slice checks who may upload and what.
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { serviceFiles } from '../../db/schema-service.js';

export type ServiceFileOwner = 'visit' | 'training' | 'supervision';
type NewFile = Omit<typeof serviceFiles.$inferInsert, 'ownerKind'>;

const uploader = alias(users, 'uploader');

const listed = {
  id: serviceFiles.id,
  fileName: serviceFiles.fileName,
  fileType: serviceFiles.fileType,
  size: serviceFiles.size,
  sha256: serviceFiles.sha256,
  uploadedAt: serviceFiles.uploadedAt,
  uploadedByName: uploader.displayName,
};

/** The files of one visit, training or supervision, oldest first, with who uploaded them. */
export function listServiceFiles(db: Executor, owner: ServiceFileOwner, ownerId: number) {
  return db
    .select(listed)
    .from(serviceFiles)
    .innerJoin(uploader, eq(uploader.id, serviceFiles.uploadedBy))
    .where(and(eq(serviceFiles.ownerKind, owner), eq(serviceFiles.ownerId, ownerId)))
    .orderBy(asc(serviceFiles.id));
}

export async function insertServiceFile(db: Executor, owner: ServiceFileOwner, row: NewFile) {
  const rows = await db
    .insert(serviceFiles)
    .values({ ...row, ownerKind: owner })
    .returning({
      id: serviceFiles.id,
      fileName: serviceFiles.fileName,
      fileType: serviceFiles.fileType,
      size: serviceFiles.size,
      sha256: serviceFiles.sha256,
      uploadedAt: serviceFiles.uploadedAt,
    });
  return rows[0]!;
}

/** One file's content, only when it belongs to that owner (a file id of another visit answers null). */
export async function findServiceFile(
  db: Executor,
  owner: ServiceFileOwner,
  ownerId: number,
  fileId: number,
) {
  const rows = await db
    .select({ fileName: serviceFiles.fileName, fileType: serviceFiles.fileType, bytes: serviceFiles.bytes })
    .from(serviceFiles)
    .where(
      and(eq(serviceFiles.id, fileId), eq(serviceFiles.ownerKind, owner), eq(serviceFiles.ownerId, ownerId)),
    )
    .limit(1);
  return rows[0] ?? null;
}
