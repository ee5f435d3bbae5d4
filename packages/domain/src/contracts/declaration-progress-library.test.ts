// The contracts of the declaration, review, import, notice, progress and library slices: the request schemas
// keep their defaults and Chinese messages, and the response schemas hold what the services answer.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { progressReportSchema } from '../progress.js';
import { declarationFilterQuery, declarationListQuery, materialParams } from './declaration.js';
import { importPreviewSchema, previewLineFilterQuery, previewLinesQuery } from './import.js';
import { libraryListQuery, libraryListSchema, libraryRecomputeSchema } from './library.js';
import { issueNoticeSchema, noticePreviewQuery } from './notice.js';
import {
  decidingFirmListSchema,
  progressCumulativeSchema,
  progressFirmsQuery,
  progressQuery,
} from './progress.js';
import { reviewFilterQuery, reviewListQuery } from './review.js';

function messages(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('list queries of these slices', () => {
  it('page with the shared defaults and bounds', () => {
    for (const q of [reviewListQuery, declarationListQuery, libraryListQuery, previewLinesQuery])
      expect(q.parse({})).toMatchObject({ page: 1, pageSize: 20 });
    expect(messages(reviewListQuery, { pageSize: '500' })).toHaveLength(1);
    expect(messages(declarationListQuery, { page: 'x' })).toEqual(['页码应为1到100000之间的整数']);
  });

  it('answer a bad filter in Chinese, naming what is wrong', () => {
    expect(messages(declarationFilterQuery, { state: 'nope' })).toEqual(['状态不正确']);
    expect(messages(declarationFilterQuery, { townshipId: 'x' })).toEqual(['乡镇编号应为正整数']);
    expect(messages(reviewFilterQuery, { kind: 'nope' })).toEqual(['类别不正确']);
    expect(messages(reviewFilterQuery, { q: '字'.repeat(51) })).toEqual(['关键词不能超过50个字']);
    expect(messages(previewLineFilterQuery, { status: 'nope' })).toEqual([
      '状态应为 new、correction、unchanged 或 error',
    ]);
    expect(messages(progressFirmsQuery, { kind: 'nope' })).toEqual(['kind 应为 entered 或 exited']);
    expect(messages(progressQuery, { year: '1999' })).toEqual(['年度应为2000到2100之间的整数']);
    expect(messages(progressQuery, { year: 2024, asOf: '2024-02-30' })).toEqual([
      '截至日期应为有效日期，格式如 2024-06-30',
    ]);
    expect(messages(materialParams, { id: '1', item: 'nope' })).toEqual(['材料项目不正确']);
    expect(messages(noticePreviewQuery, { year: '2024', asOf: '2024/06/30' })).toEqual([
      '日期格式应为 YYYY-MM-DD',
    ]);
    expect(messages(libraryRecomputeSchema, { year: 2024, reason: '短' })).toEqual([
      '请填写原因（至少2个字）',
    ]);
  });

  it('coerce query text to numbers', () => {
    expect(reviewFilterQuery.parse({ year: '2024' })).toEqual({ year: 2024 });
    expect(progressFirmsQuery.parse({ kind: 'entered', unitId: '7' })).toMatchObject({ unitId: 7 });
  });
});

describe('request bodies of these slices', () => {
  it('fill the notice defaults', () => {
    expect(issueNoticeSchema.parse({ year: 2024 })).toEqual({
      year: 2024,
      praise: '',
      attention: '',
      autoSummary: true,
    });
  });
});

describe('response schemas of these slices', () => {
  it('accept what the services answer and refuse a missing field', () => {
    const row = {
      unitId: 1,
      code: '1',
      name: '秀水镇',
      target: 3,
      entered: 2,
      exited: 0,
      net: 2,
      remaining: 1,
      rank: 1,
      pReachTarget: null,
    };
    const report = {
      year: 2024,
      asOf: '2024-06-30',
      county: {
        unitId: 9,
        code: '9',
        name: '县',
        cityTarget: 10,
        territorialTarget: 3,
        supervisingTarget: 0,
        entered: 2,
        exited: 0,
        net: 2,
        pReachCityTarget: 0.4,
      },
      dimensions: { territorial: [row], supervising: [] },
    };
    expect(progressReportSchema.parse(report)).toEqual(report);
    const { rank: _r, ...noRank } = row;
    expect(
      progressReportSchema.safeParse({ ...report, dimensions: { territorial: [noRank], supervising: [] } })
        .success,
    ).toBe(false);
    expect(progressCumulativeSchema.safeParse({ year: 2024, asOf: '2024-06-30', months: [] }).success).toBe(
      false,
    );
    expect(
      decidingFirmListSchema.safeParse({ year: 2024, asOf: '2024-06-30', items: [{ id: 1 }] }).success,
    ).toBe(false);
    expect(
      libraryListSchema.safeParse({ items: [], total: 0, page: 1, pageSize: 20, year: 2024, library: 'base' })
        .success,
    ).toBe(false);
    expect(importPreviewSchema.safeParse({ token: 'x' }).success).toBe(false);
  });
});
