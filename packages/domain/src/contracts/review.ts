// The review slice's HTTP contract (复核清单, docs/api.md §Review list): the filter, the page and one item.
import { z } from 'zod';
import { REVIEW_KINDS } from '../declaration.js';
import { paged, pageQuery, yearField } from './common.js';

/** `?kind&year&q` of GET /review and its export. */
export const reviewFilterQuery = z.object({
  kind: z.enum(REVIEW_KINDS, { error: '类别不正确' }).optional(),
  /** The approval year of an event, the declaration year otherwise. */
  year: yearField.optional(),
  /** Firm name or credit code contains. */
  q: z.string().trim().max(50, '关键词不能超过50个字').optional(),
});
export type ReviewFilter = z.output<typeof reviewFilterQuery>;
export const reviewListQuery = reviewFilterQuery.extend(pageQuery.shape);

export const reviewItemSchema = z.object({
  /** Unique in the list: kind and source row. */
  key: z.string(),
  kind: z.enum(REVIEW_KINDS),
  kindLabel: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  townshipName: z.string(),
  /** What happened, in one line. */
  subject: z.string(),
  /** Why (the recorded reason or note); null when none was given. */
  reason: z.string().nullable(),
  /** Who. */
  actorName: z.string().nullable(),
  /** When (ISO). */
  at: z.string(),
  /** Where to look: the declaration, or the firm. */
  link: z.string(),
});
export type ReviewItem = z.output<typeof reviewItemSchema>;
export const reviewListSchema = paged(reviewItemSchema);
export type ReviewList = z.output<typeof reviewListSchema>;
