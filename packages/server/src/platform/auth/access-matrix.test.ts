// Walks every role × every declared route × a firm of the caller's own unit and one of another unit,
// and asserts the status the permission catalogue and the data scope imply. A new route without an entry
// in SAMPLES fails the test, so the matrix stays complete.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate, type Permission, permissionsOf, type Role } from '@shenggui/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  COUNTY,
  createTestEnv,
  PASSWORD,
  TEST_NOW,
  TEST_USERS,
  TEST_YEAR,
  type TestEnv,
  testCreditCode,
} from '../../test/harness.js';
import { declaredRoutes } from './access.js';

let env: TestEnv;
let firmA: number; // 秀水镇, supervised by 县工信局
let firmB: number; // 南娄镇, supervised by 县能源局
let xiushuiId: number;
let nanlouId: number;
let someUserId: number;
let codeA: string;
let noticeId: number;
let codeB: string;
let nameA: string;
let nameB: string;
let serial = 500;
// --- ids: service requests ---
// Per firm: a request raised by the firm's township and routed to the unit that supervises it (so no other
// unit sees it), and that unit.
const requestOf: Record<number, number> = {};
const requestOwnerOf: Record<number, number> = {};

// --- ids: visits and leads ---
// Per firm: a visit with a file (detail, upload, download) and a visit to void.
const visitOf: Record<number, number> = {};
const voidVisitOf: Record<number, number> = {};
const visitFileOf: Record<number, number> = {};
const visitPng = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
/** Today on the tests' clock, in China. */
const visitDay = () => chinaDate(new Date(TEST_NOW));

// --- ids: help plans and supervision ---
// Per firm: its help plan; per firm's side (A: 秀水镇 with an item of 县工信局, B: 南娄镇 with one of 县能源局): a
// supervision, its item owned by the supervised unit and an uploaded file. The year of the clock.
let helpYear: number;
const planOf: Record<number, number> = {};
const supOf: Record<number, number> = {};
const supItemOf: Record<number, number> = {};
const supFileOf: Record<number, number> = {};

// --- ids: training and coverage ---
let matrixTraining: number; // the centre's, held last year (so attendance reaches no firm this year)
let voidableTraining: number;
let trainingFile: number;
const attendanceOf: Record<number, number> = {};

// --- ids: service overview and timeline ---

// Per firm: its declaration, an inspection of it and an uploaded file (declaration routes act on these).
const declOf: Record<number, number> = {};
const inspectionOf: Record<number, number> = {};
const fileOf: Record<number, number> = {};

interface Sample {
  /** Path with :id already replaced; `firm` is the firm under test (own or other). */
  url: (firm: number) => string;
  body?: (firm: number) => unknown;
  /** The route acts on one firm: out-of-scope callers must get 404. */
  firmScoped?: boolean;
  /** The permission that decides, when the route itself only says 'authenticated'. */
  effective?: Permission;
  /** The call ends the caller's session. */
  signsOut?: boolean;
  /** Statuses a permitted, in-scope call may answer (default: any 2xx, 400 or 409). */
  ok?: (status: number) => boolean;
  /**
   * A list or an export: a permitted caller gets exactly 200, and a caller of one unit never sees a row of
   * the other unit's firm in it (a JSON answer, or every cell of the workbook).
   */
  list?: 'json' | 'xlsx';
  /** The county's answer holds both firms (made so in beforeAll): the no-other-unit check is not vacuous. */
  holdsBoth?: true;
}

const firmBody = (townshipId: number) => ({
  creditCode: testCreditCode(serial++),
  name: `矩阵测试${serial}有限公司`,
  legalForm: 'enterprise',
  industryCode: '3089',
  townshipId,
});

const SAMPLES: Record<string, Sample> = {
  'POST /api/v1/auth/login': {
    url: () => '/api/v1/auth/login',
    body: () => ({ username: 'nobody', password: 'x' }),
    ok: (s) => s === 401,
  },
  'POST /api/v1/auth/logout': { url: () => '/api/v1/auth/logout', signsOut: true },
  'GET /api/v1/me': { url: () => '/api/v1/me' },
  'POST /api/v1/me/password': {
    url: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'wrong', newPassword: 'Another@Passw0rd' }),
  },
  'GET /api/v1/me/sessions': { url: () => '/api/v1/me/sessions', list: 'json' },
  'POST /api/v1/me/sessions/revoke-all': { url: () => '/api/v1/me/sessions/revoke-all', signsOut: true },
  'POST /api/v1/me/totp/setup': { url: () => '/api/v1/me/totp/setup' },
  'POST /api/v1/me/totp/enable': { url: () => '/api/v1/me/totp/enable', body: () => ({ code: '000000' }) },
  'POST /api/v1/setup/first-admin': {
    url: () => '/api/v1/setup/first-admin',
    body: () => ({ username: 'firstadmin', displayName: '首位管理员', password: 'First@Admin2024' }),
    ok: (s) => s === 409,
  },
  'GET /api/v1/meta': { url: () => '/api/v1/meta' },
  'GET /api/v1/org/units': { url: () => '/api/v1/org/units', list: 'json' },
  'POST /api/v1/org/units': {
    url: () => '/api/v1/org/units',
    body: () => ({
      code: `140322T${String(serial++).padStart(2, '0')}`,
      name: '测试单位',
      kind: 'bureau',
      parentId: countyId,
    }),
  },
  'PUT /api/v1/org/units/:id': {
    url: () => `/api/v1/org/units/${xiushuiId}`,
    body: () => ({ name: '秀水镇' }),
  },
  'GET /api/v1/enterprises': { url: () => '/api/v1/enterprises?pageSize=200', list: 'json', holdsBoth: true },
  'GET /api/v1/enterprises/export': {
    url: () => '/api/v1/enterprises/export',
    list: 'xlsx',
    holdsBoth: true,
  },
  'GET /api/v1/enterprises/supervising-suggestion': {
    url: () => `/api/v1/enterprises/supervising-suggestion?industryCode=3089&townshipId=${xiushuiId}`,
  },
  'GET /api/v1/enterprises/:id': { url: (f) => `/api/v1/enterprises/${f}`, firmScoped: true },
  'POST /api/v1/enterprises': { url: () => '/api/v1/enterprises', body: () => firmBody(xiushuiId) },
  'PUT /api/v1/enterprises/:id': {
    url: (f) => `/api/v1/enterprises/${f}`,
    firmScoped: true,
    // Each firm keeps its own township and industry: the edit must not move it between scopes.
    body: (f) =>
      f === firmA
        ? { name: '矩阵测试甲有限公司', legalForm: 'enterprise', industryCode: '3089', townshipId: xiushuiId }
        : { name: '矩阵测试乙有限公司', legalForm: 'enterprise', industryCode: '0610', townshipId: nanlouId },
  },
  'POST /api/v1/enterprises/:id/scale': {
    url: (f) => `/api/v1/enterprises/${f}/scale`,
    firmScoped: true,
    body: () => ({ status: 'above', effectivePeriod: '2026-12', reason: '矩阵测试' }),
  },
  'GET /api/v1/enterprises/:id/revenue': { url: (f) => `/api/v1/enterprises/${f}/revenue`, firmScoped: true },
  'POST /api/v1/enterprises/:id/revenue': {
    url: (f) => `/api/v1/enterprises/${f}/revenue`,
    firmScoped: true,
    effective: 'revenue:write:self',
    body: () => ({
      period: `2025-${String((serial++ % 12) + 1).padStart(2, '0')}`,
      source: 'self',
      value: 1000,
      reason: '矩阵',
    }),
  },
  'GET /api/v1/users': { url: () => '/api/v1/users', list: 'json' },
  'GET /api/v1/users/export': { url: () => '/api/v1/users/export', list: 'xlsx' },
  'POST /api/v1/users': {
    url: () => '/api/v1/users',
    body: () => ({
      username: `matrix${serial++}`,
      displayName: '矩阵',
      unitId: xiushuiId,
      roles: ['township'],
      password: 'Matrix@2024x',
    }),
  },
  'PUT /api/v1/users/:id': {
    url: () => `/api/v1/users/${someUserId}`,
    body: () => ({ displayName: '被修改', unitId: xiushuiId, roles: ['township'], disabled: false }),
  },
  'POST /api/v1/users/:id/reset-password': {
    url: () => `/api/v1/users/${someUserId}/reset-password`,
    body: () => ({ password: 'Reset@2024abc' }),
  },
  'POST /api/v1/users/:id/unlock': { url: () => `/api/v1/users/${someUserId}/unlock` },
  'POST /api/v1/users/:id/reset-totp': { url: () => `/api/v1/users/${someUserId}/reset-totp` },
  'POST /api/v1/imports/preview': {
    url: () => '/api/v1/imports/preview?kind=revenue&source=self&fileName=matrix.csv',
    body: (f) => Buffer.from(`统一社会信用代码,期间,营业收入\n${f === firmA ? codeA : codeB},2025-03,1000\n`),
    effective: 'revenue:write:self',
  },
  'POST /api/v1/imports/:token/apply': {
    url: () => '/api/v1/imports/no-such-token/apply',
    body: () => ({ skipInvalid: false }),
    ok: (s) => s === 404,
  },
  'GET /api/v1/imports/:token/errors.xlsx': {
    url: () => '/api/v1/imports/no-such-token/errors.xlsx',
    ok: (s) => s === 404,
  },
  'GET /api/v1/imports/:token/rows': {
    url: () => '/api/v1/imports/no-such-token/rows',
    ok: (s) => s === 404,
  },
  'GET /api/v1/imports/:token/rows.xlsx': {
    url: () => '/api/v1/imports/no-such-token/rows.xlsx',
    ok: (s) => s === 404,
  },
  'GET /api/v1/imports/templates/:kind.xlsx': { url: () => '/api/v1/imports/templates/revenue.xlsx' },
  'GET /api/v1/imports/status/:ticket': {
    url: () => '/api/v1/imports/status/no-such-ticket',
    ok: (s) => s === 404,
  },
  'GET /api/v1/imports': { url: () => '/api/v1/imports', list: 'json' },
  'GET /api/v1/imports/export': { url: () => '/api/v1/imports/export', list: 'xlsx' },
  'GET /api/v1/targets': { url: () => '/api/v1/targets?year=2026', list: 'json' },
  'GET /api/v1/targets/export': { url: () => '/api/v1/targets/export?year=2026', list: 'xlsx' },
  'PUT /api/v1/targets/:year': {
    url: () => '/api/v1/targets/2026',
    body: () => ({ cityTarget: 8, territorial: [{ unitId: xiushuiId, target: 4 }], supervising: [] }),
  },
  'GET /api/v1/directory-events': {
    url: () => '/api/v1/directory-events?year=2026',
    list: 'json',
    holdsBoth: true,
  },
  'GET /api/v1/directory-events/export': {
    url: () => '/api/v1/directory-events/export?year=2026',
    list: 'xlsx',
    holdsBoth: true,
  },
  'GET /api/v1/enterprises/:id/directory-events': {
    url: (f) => `/api/v1/enterprises/${f}/directory-events`,
    firmScoped: true,
  },
  'POST /api/v1/directory-events': {
    url: () => '/api/v1/directory-events',
    firmScoped: true,
    body: (f) => ({
      enterpriseId: f,
      type: 'entry',
      mode: 'annual',
      batch: '2025年12月批',
      approvalDate: '2026-01-15',
      effectivePeriod: '2026-01',
    }),
  },
  'POST /api/v1/directory-events/:id/void': {
    url: () => '/api/v1/directory-events/999999/void',
    body: () => ({ reason: '矩阵测试' }),
    ok: (s) => s === 404,
  },
  'GET /api/v1/progress': { url: () => '/api/v1/progress?year=2026', list: 'json' },
  'GET /api/v1/progress/export': {
    url: () => '/api/v1/progress/export?year=2026&asOf=2026-11-20',
    list: 'xlsx',
  },
  'GET /api/v1/progress/:year/enterprises': {
    url: () => '/api/v1/progress/2026/enterprises?kind=entered',
    list: 'json',
    holdsBoth: true,
  },
  'GET /api/v1/progress/:year/cumulative': { url: () => '/api/v1/progress/2026/cumulative', list: 'json' },
  'GET /api/v1/progress/:year/deciding': { url: () => '/api/v1/progress/2026/deciding', list: 'json' },
  'GET /api/v1/settings/counting-rule/:year': { url: () => '/api/v1/settings/counting-rule/2026' },
  'PUT /api/v1/settings/counting-rule/:year': {
    url: () => '/api/v1/settings/counting-rule/2026',
    body: () => ({ basis: 'approval', cutoff: '12-31' }),
  },
  'GET /api/v1/notices': { url: () => '/api/v1/notices?year=2026', list: 'json' },
  'GET /api/v1/notices/export': { url: () => '/api/v1/notices/export?year=2026', list: 'xlsx' },
  'POST /api/v1/notices': {
    url: () => '/api/v1/notices',
    body: () => ({ year: 2026, asOf: '2026-11-20', praise: '', attention: '' }),
  },
  'GET /api/v1/notices/preview.docx': { url: () => '/api/v1/notices/preview.docx?year=2026&asOf=2026-11-20' },
  'GET /api/v1/notices/:id/document.docx': { url: () => `/api/v1/notices/${noticeId}/document.docx` },
  // LibreOffice is kept off PATH in this file (beforeAll): here only who may ask is checked, and the
  // answer without it is exactly 503. The conversion itself is notice.test.ts's.
  'GET /api/v1/notices/:id/document.pdf': {
    url: () => `/api/v1/notices/${noticeId}/document.pdf`,
    ok: (s) => s === 503,
  },
  'GET /api/v1/libraries/:library': {
    url: () => '/api/v1/libraries/cultivation?pageSize=200',
    list: 'json',
    holdsBoth: true,
  },
  'GET /api/v1/libraries/:library/export': {
    url: () => '/api/v1/libraries/cultivation/export',
    list: 'xlsx',
    holdsBoth: true,
  },
  'POST /api/v1/libraries/memberships': {
    url: () => '/api/v1/libraries/memberships',
    firmScoped: true,
    body: (f) => ({ enterpriseId: f, year: 2026, library: 'cultivation', action: 'add', reason: '矩阵测试' }),
  },
  'GET /api/v1/enterprises/:id/libraries': {
    url: (f) => `/api/v1/enterprises/${f}/libraries`,
    firmScoped: true,
  },
  'PUT /api/v1/enterprises/:id/pathway': {
    url: (f) => `/api/v1/enterprises/${f}/pathway`,
    firmScoped: true,
    body: () => ({ year: 2026, pathway: 'growth', reason: '矩阵测试' }),
  },
  'POST /api/v1/enterprises/:id/operating-status': {
    url: (f) => `/api/v1/enterprises/${f}/operating-status`,
    firmScoped: true,
    body: () => ({ status: 'normal', since: '2026-01-01', reason: '矩阵测试' }),
  },
  'GET /api/v1/todo/unreported': { url: () => '/api/v1/todo/unreported', list: 'json' },
  'GET /api/v1/libraries/years': { url: () => '/api/v1/libraries/years', list: 'json' },
  'POST /api/v1/libraries/recompute': {
    url: () => '/api/v1/libraries/recompute',
    body: () => ({ year: 2025, reason: '矩阵测试' }),
  },
  'GET /api/v1/settings/business': { url: () => '/api/v1/settings/business' },
  'PUT /api/v1/settings/business': {
    url: () => '/api/v1/settings/business',
    body: () => ({ year: 2030, values: { 'notice.nextNumber': 5 } }),
  },
  // Declarations: each firm has one, made in beforeAll; role refusals of a step answer 403.
  'GET /api/v1/settings/declaration-calendar/:year': {
    url: () => '/api/v1/settings/declaration-calendar/2026',
  },
  'PUT /api/v1/settings/declaration-calendar/:year': {
    url: () => '/api/v1/settings/declaration-calendar/2030',
    body: () => ({
      monthlyDeadlineDay: 20,
      preparationFrom: '10-01',
      batches: [{ key: 'nov', name: '11月批', deadline: '2030-11-20' }],
      agreementTolerance: 0.1,
    }),
  },
  'GET /api/v1/declarations': { url: () => '/api/v1/declarations?year=2026', list: 'json', holdsBoth: true },
  'GET /api/v1/declarations/export': {
    url: () => '/api/v1/declarations/export?year=2026',
    list: 'xlsx',
    holdsBoth: true,
  },
  'GET /api/v1/declarations/board': {
    url: () => '/api/v1/declarations/board?year=2026',
    list: 'json',
    holdsBoth: true,
  },
  'GET /api/v1/declarations/:id': { url: (f) => `/api/v1/declarations/${declOf[f]}`, firmScoped: true },
  'POST /api/v1/declarations': {
    url: () => '/api/v1/declarations',
    firmScoped: true,
    body: (f) => ({ enterpriseId: f, year: 2026, mode: 'annual', batch: 'dec' }),
    ok: (s) => s === 403 || s === 409, // the centre does not create; the firm already has an open one
  },
  'POST /api/v1/declarations/:id/transitions': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/transitions`,
    firmScoped: true,
    body: () => ({ to: 'township_review' }),
    ok: (s) => s === 200 || s === 403 || s === 409,
  },
  // The centre overrides (others: 403 with the reason); cumulative has no figures here, so it is "not run".
  'POST /api/v1/declarations/:id/overrides': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/overrides`,
    firmScoped: true,
    body: () => ({ check: 'cumulative', reason: '矩阵测试理由' }),
    ok: (s) => s === 200 || s === 403 || s === 409,
  },
  'PUT /api/v1/declarations/:id/inspection-unit': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/inspection-unit`,
    firmScoped: true,
    body: () => ({ unitId: null }),
    ok: (s) => s === 200 || s === 403,
  },
  // Annual declarations cannot be converted (409); a non-acting role is refused (403).
  'POST /api/v1/declarations/:id/convert': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/convert`,
    firmScoped: true,
    body: () => ({ batch: 'dec', reason: '矩阵测试' }),
    ok: (s) => s === 403 || s === 409,
  },
  'GET /api/v1/review': { url: () => '/api/v1/review?year=2026', list: 'json', holdsBoth: true },
  'GET /api/v1/review/export': {
    url: () => '/api/v1/review/export?year=2026',
    list: 'xlsx',
    holdsBoth: true,
  },
  'POST /api/v1/declarations/:id/materials/:item': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/materials/basic_info?fileName=a.pdf`,
    firmScoped: true,
    body: () => Buffer.from('%PDF-1.4 matrix'),
  },
  'POST /api/v1/declarations/:id/inspections': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/inspections`,
    firmScoped: true,
    body: () => ({
      kind: 'field',
      inspectedOn: '2026-11-18',
      inspectors: '矩阵',
      findings: '矩阵测试',
      conclusion: 'pass',
    }),
    // The declaring unit never records its own inspection (403 with the reason); the centre does.
    ok: (s) => s === 201 || s === 403,
  },
  'POST /api/v1/declarations/:id/inspections/:inspectionId/photos': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/inspections/${inspectionOf[f]}/photos?fileName=a.png`,
    firmScoped: true,
    body: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    ok: (s) => s === 201 || s === 400 || s === 403,
  },
  'GET /api/v1/declarations/:id/files/:fileId': {
    url: (f) => `/api/v1/declarations/${declOf[f]}/files/${fileOf[f]}`,
    firmScoped: true,
  },
  'GET /api/v1/todo': { url: () => '/api/v1/todo', list: 'json' },
  'GET /api/v1/audit': { url: () => '/api/v1/audit', list: 'json' },
  'GET /api/v1/audit/export': { url: () => '/api/v1/audit/export', list: 'xlsx' },
  'GET /api/v1/audit/verify': { url: () => '/api/v1/audit/verify' },
  'GET /api/v1/audit/checkpoint': { url: () => '/api/v1/audit/checkpoint' },
  'GET /api/v1/account-changes': { url: () => '/api/v1/account-changes', list: 'json' },
  'POST /api/v1/account-changes/:id/confirm': {
    url: () => '/api/v1/account-changes/999999/confirm',
    body: () => ({}),
    ok: (s) => s === 404,
  },
  'POST /api/v1/account-changes/:id/reject': {
    url: () => '/api/v1/account-changes/999999/reject',
    body: () => ({ reason: '矩阵测试' }),
    ok: (s) => s === 404,
  },
  'GET /api/v1/settings/security': { url: () => '/api/v1/settings/security' },
  'PUT /api/v1/settings/security': {
    url: () => '/api/v1/settings/security',
    body: () => ({
      level: 2,
      password: { minLength: 8, minClasses: 3, maxAgeDays: 0 },
      lockout: { maxFailures: 5, lockMinutes: 15 },
      session: { idleMinutes: 30, absoluteHours: 12 },
      loginRatePerMinute: 1000,
    }),
  },
  'GET /api/v1/settings/imports': { url: () => '/api/v1/settings/imports' },
  'PUT /api/v1/settings/imports': {
    url: () => '/api/v1/settings/imports',
    body: () => ({
      maxRows: 200_000,
      maxColumns: 1_000,
      maxCells: 6_000_000,
      maxInflatedMb: 256,
      uploadsPerMinute: 600,
    }),
  },
  'GET /api/v1/service/settings': { url: () => '/api/v1/service/settings' },
  // --- samples: service requests ---
  'GET /api/v1/requests': { url: () => '/api/v1/requests?pageSize=200', list: 'json', holdsBoth: true },
  'GET /api/v1/requests/export': { url: () => '/api/v1/requests/export', list: 'xlsx', holdsBoth: true },
  'GET /api/v1/requests/:id': { url: (f) => `/api/v1/requests/${requestOf[f]}`, firmScoped: true },
  'POST /api/v1/requests': {
    url: () => '/api/v1/requests',
    body: (f) => ({ enterpriseId: f, category: 'power', title: '矩阵测试诉求', detail: '矩阵测试' }),
    firmScoped: true,
    ok: (s) => s === 201,
  },
  // Each step answers 403 with the reason to a caller who is not the one to take it (not the owner unit,
  // not the raiser), and 409 in a state that does not allow it.
  'POST /api/v1/requests/:id/route': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/route`,
    body: (f) => ({ ownerUnitId: requestOwnerOf[f] }),
    firmScoped: true,
    ok: (s) => s === 200 || s === 409,
  },
  'POST /api/v1/requests/:id/accept': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/accept`,
    body: () => ({}),
    firmScoped: true,
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/requests/:id/reply': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/reply`,
    body: () => ({ note: '矩阵测试' }),
    firmScoped: true,
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/requests/:id/resolve': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/resolve`,
    body: () => ({ answer: '矩阵测试' }),
    firmScoped: true,
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/requests/:id/return': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/return`,
    body: () => ({ reason: '矩阵测试' }),
    firmScoped: true,
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/requests/:id/unsolvable': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/unsolvable`,
    body: () => ({ reason: '矩阵测试' }),
    firmScoped: true,
    ok: (s) => s === 200 || s === 409,
  },
  'POST /api/v1/requests/:id/evaluate': {
    url: (f) => `/api/v1/requests/${requestOf[f]}/evaluate`,
    body: () => ({ satisfaction: 'satisfied' }),
    firmScoped: true,
    ok: (s) => [200, 403, 409].includes(s),
  },

  // --- samples: visits and leads ---
  'GET /api/v1/leads': { url: () => '/api/v1/leads?pageSize=200', list: 'json', holdsBoth: true },
  'GET /api/v1/leads/export': { url: () => '/api/v1/leads/export', list: 'xlsx', holdsBoth: true },
  'POST /api/v1/leads/assign-suggested': {
    url: () => '/api/v1/leads/assign-suggested',
    body: (f) => ({ enterpriseIds: [f] }),
  },
  'GET /api/v1/enterprises/:id/lead': { url: (f) => `/api/v1/enterprises/${f}/lead`, firmScoped: true },
  'PUT /api/v1/enterprises/:id/lead': {
    url: (f) => `/api/v1/enterprises/${f}/lead`,
    firmScoped: true,
    body: () => ({ leadUnitId: xiushuiId, leadName: '矩阵包联人' }),
  },
  'GET /api/v1/visits': { url: () => '/api/v1/visits?pageSize=200', list: 'json', holdsBoth: true },
  'GET /api/v1/visits/export': { url: () => '/api/v1/visits/export', list: 'xlsx', holdsBoth: true },
  'POST /api/v1/visits': {
    url: () => '/api/v1/visits',
    firmScoped: true,
    body: (f) => ({
      enterpriseId: f,
      visitedOn: visitDay(),
      purpose: 'survey',
      findings: '矩阵测试走访',
      officials: [{ name: '矩阵', unitId: xiushuiId }],
    }),
  },
  'GET /api/v1/visits/:id': { url: (f) => `/api/v1/visits/${visitOf[f]}`, firmScoped: true },
  'POST /api/v1/visits/:id/void': {
    url: (f) => `/api/v1/visits/${voidVisitOf[f]}/void`,
    firmScoped: true,
    body: () => ({ reason: '矩阵测试' }),
    // The recording unit or the centre voids (once: 409 after); another unit in scope is refused (403).
    ok: (s) => s === 200 || s === 403 || s === 409,
  },
  'POST /api/v1/visits/:id/files': {
    url: (f) => `/api/v1/visits/${visitOf[f]}/files?fileName=a.png`,
    firmScoped: true,
    body: () => visitPng,
    // A unit that took no part in the visit may read it but not add files (403).
    ok: (s) => s === 201 || s === 403,
  },
  'GET /api/v1/visits/:id/files/:fileId': {
    url: (f) => `/api/v1/visits/${visitOf[f]}/files/${visitFileOf[f]}`,
    firmScoped: true,
  },
  'GET /api/v1/enterprises/:id/visits': { url: (f) => `/api/v1/enterprises/${f}/visits`, firmScoped: true },
  'GET /api/v1/enterprises/:id/recent-visits': {
    url: (f) => `/api/v1/enterprises/${f}/recent-visits?on=${visitDay()}`,
    firmScoped: true,
  },

  // --- samples: help plans and supervision ---
  'GET /api/v1/help-plans': {
    url: () => `/api/v1/help-plans?year=${helpYear}&pageSize=200`,
    list: 'json',
    holdsBoth: true,
  },
  'GET /api/v1/help-plans/export': {
    url: () => `/api/v1/help-plans/export?year=${helpYear}`,
    list: 'xlsx',
    holdsBoth: true,
  },
  'GET /api/v1/help-plans/:id': { url: (f) => `/api/v1/help-plans/${planOf[f]}`, firmScoped: true },
  'POST /api/v1/help-plans': {
    url: () => '/api/v1/help-plans',
    firmScoped: true,
    // The firm already has an open plan (409) unless the walk closed it; a new one is then made.
    body: (f) => ({
      enterpriseId: f,
      year: helpYear,
      ownerUnitId: f === firmA ? xiushuiId : nanlouId,
      ownerName: '矩阵',
      measures: '矩阵测试',
      reviewOn: '2099-12-31',
    }),
  },
  'PUT /api/v1/help-plans/:id': {
    url: (f) => `/api/v1/help-plans/${planOf[f]}`,
    firmScoped: true,
    body: (f) => ({
      ownerUnitId: f === firmA ? xiushuiId : nanlouId,
      ownerName: '矩阵',
      measures: '矩阵测试修改',
      reviewOn: '2099-12-31',
    }),
    // Only the plan's owner unit or the centre changes it (403 with the reason); a closed plan answers 409.
    ok: (s) => [200, 400, 403, 409].includes(s),
  },
  'POST /api/v1/help-plans/:id/reviews': {
    url: (f) => `/api/v1/help-plans/${planOf[f]}/reviews`,
    firmScoped: true,
    body: () => ({ reviewedOn: '2026-11-20', outcome: 'stable', note: '矩阵测试' }),
    ok: (s) => [201, 400, 403, 409].includes(s),
  },
  'POST /api/v1/help-plans/:id/close': {
    url: (f) => `/api/v1/help-plans/${planOf[f]}/close`,
    firmScoped: true,
    body: () => ({ note: '矩阵测试' }),
    ok: (s) => [200, 403, 409].includes(s),
  },
  'GET /api/v1/supervisions': { url: () => '/api/v1/supervisions?pageSize=200', list: 'json' },
  'GET /api/v1/supervisions/export': { url: () => '/api/v1/supervisions/export', list: 'xlsx' },
  // A supervision the caller's unit is part of (supervised, or owner of an item); county roles see all.
  'GET /api/v1/supervisions/:id': { url: (f) => `/api/v1/supervisions/${supOf[f]}` },
  'POST /api/v1/supervisions': {
    url: () => '/api/v1/supervisions',
    body: () => ({ unitId: xiushuiId, heldOn: '2026-11-18', findings: '矩阵测试', items: [] }),
  },
  'POST /api/v1/supervisions/:id/items/:itemId/close': {
    url: (f) => `/api/v1/supervisions/${supOf[f]}/items/${supItemOf[f]}/close`,
    body: () => ({ note: '矩阵测试' }),
    // The item's owner unit or the centre (others 403); once closed, 409.
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/supervisions/:id/close': {
    url: (f) => `/api/v1/supervisions/${supOf[f]}/close`,
    body: () => ({}),
    ok: (s) => [200, 409].includes(s),
  },
  'POST /api/v1/supervisions/:id/files': {
    url: (f) => `/api/v1/supervisions/${supOf[f]}/files?fileName=a.pdf`,
    body: () => Buffer.from('%PDF-1.4 matrix'),
    ok: (s) => [201, 403, 409].includes(s),
  },
  'GET /api/v1/supervisions/:id/files/:fileId': {
    url: (f) => `/api/v1/supervisions/${supOf[f]}/files/${supFileOf[f]}`,
  },

  // --- samples: training and coverage ---
  'GET /api/v1/trainings': { url: () => '/api/v1/trainings?voided=1&pageSize=200', list: 'json' },
  'GET /api/v1/trainings/export': { url: () => '/api/v1/trainings/export?voided=1', list: 'xlsx' },
  // A township reads its own firms' attendance rows only; the county reads both.
  'GET /api/v1/trainings/:id': {
    url: () => `/api/v1/trainings/${matrixTraining}`,
    list: 'json',
    holdsBoth: true,
  },
  'POST /api/v1/trainings': {
    url: () => '/api/v1/trainings',
    body: () => ({ heldOn: '2026-11-18', topic: '矩阵测试宣讲', kind: 'briefing' }),
  },
  // The organiser (the centre) edits; any other unit is refused (403, the organiser rule).
  'PUT /api/v1/trainings/:id': {
    url: () => `/api/v1/trainings/${matrixTraining}`,
    body: () => ({ heldOn: '2025-06-18', topic: '矩阵测试专题培训', kind: 'course' }),
    ok: (s) => s === 200 || s === 403,
  },
  'POST /api/v1/trainings/:id/void': {
    url: () => `/api/v1/trainings/${voidableTraining}/void`,
    body: () => ({ reason: '矩阵测试' }),
    ok: (s) => [200, 403, 409].includes(s),
  },
  'POST /api/v1/trainings/:id/attendance': {
    url: () => `/api/v1/trainings/${matrixTraining}/attendance`,
    body: (f) => ({ enterpriseId: f, personName: '矩阵测试参会人' }),
    firmScoped: true,
  },
  // The centre's rows: the centre deletes them (later callers find them gone), other units are refused.
  'DELETE /api/v1/trainings/:id/attendance/:rowId': {
    url: (f) => `/api/v1/trainings/${matrixTraining}/attendance/${attendanceOf[f]}`,
    firmScoped: true,
    ok: (s) => [200, 403, 404].includes(s),
  },
  'POST /api/v1/trainings/:id/attendance/import': {
    url: () => `/api/v1/trainings/${matrixTraining}/attendance/import?fileName=a.csv&dryRun=1`,
    body: () => Buffer.from(`姓名,单位名称\r\n矩阵,${nameA}\r\n`, 'utf8'),
    ok: (s) => s === 200 || s === 403,
  },
  'POST /api/v1/trainings/:id/files': {
    url: () => `/api/v1/trainings/${matrixTraining}/files?fileName=a.pdf`,
    body: () => Buffer.from('%PDF-1.4 matrix'),
    ok: (s) => s === 201 || s === 403,
  },
  'GET /api/v1/trainings/:id/files/:fileId': {
    url: () => `/api/v1/trainings/${matrixTraining}/files/${trainingFile}`,
  },
  'GET /api/v1/service/coverage': { url: () => '/api/v1/service/coverage', list: 'json' },
  // Both firms are visited in the set-up (visits and leads), so neither is unreached: no holdsBoth here; the
  // coverage test holds the unreached list's content.
  'GET /api/v1/service/coverage/unreached': {
    url: () => '/api/v1/service/coverage/unreached?library=cultivation&pageSize=200',
    list: 'json',
  },
  'GET /api/v1/service/coverage/unreached/export': {
    url: () => '/api/v1/service/coverage/unreached/export?library=cultivation',
    list: 'xlsx',
  },

  // --- samples: service overview and timeline ---
  'GET /api/v1/service/overview': { url: () => `/api/v1/service/overview?year=${TEST_YEAR}`, list: 'json' },
  'GET /api/v1/service/overview/officials': {
    url: () => `/api/v1/service/overview/officials?year=${TEST_YEAR}`,
    list: 'json',
  },
  'GET /api/v1/service/overview/export': {
    url: () => `/api/v1/service/overview/export?year=${TEST_YEAR}`,
    list: 'xlsx',
  },
  'GET /api/v1/enterprises/:id/timeline': {
    url: (f) => `/api/v1/enterprises/${f}/timeline`,
    firmScoped: true,
  },
};

let countyId: number;

/** Which of the two firms a user's unit owns (null: the whole county, or no firms at all). */
const OWN: Record<string, 'A' | 'B' | null> = {
  xiushui: 'A',
  nanlou: 'B',
  gongxin: 'A',
  nengyuan: 'B',
};

const savedPath = process.env.PATH;

beforeAll(async () => {
  // No LibreOffice for this file: a PDF conversion per role would take most of a test's time (see the sample).
  process.env.PATH = mkdtempSync(join(tmpdir(), 'sg-matrix-path-'));
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  countyId = await env.unitId(`${COUNTY}000000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  const centre = await Client.signIn(env.app, 'centre');
  // Sign-in attempts come from one address in this test: lift the per-address limit.
  const sec = await Client.signIn(env.app, 'secadmin');
  const put = await sec.put('/api/v1/settings/security', SAMPLES['PUT /api/v1/settings/security']!.body!(0));
  expect(put.statusCode, put.body).toBe(200);
  const a = await centre.post('/api/v1/enterprises', firmBody(xiushuiId));
  firmA = a.json().id;
  codeA = a.json().creditCode;
  nameA = a.json().name;
  const b = await centre.post('/api/v1/enterprises', { ...firmBody(nanlouId), industryCode: '0610' });
  firmB = b.json().id;
  codeB = b.json().creditCode;
  nameB = b.json().name;
  expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
  const created = await sec.post('/api/v1/users', {
    username: 'target',
    displayName: '目标用户',
    unitId: xiushuiId,
    roles: ['township'],
    password: 'Target@2024x',
  });
  someUserId = created.json().id;
  const notice = await centre.post('/api/v1/notices', {
    year: 2026,
    asOf: '2026-11-20',
    praise: '',
    attention: '',
  });
  expect(notice.statusCode, notice.body).toBe(201);
  noticeId = notice.json().id;
  for (const [firm, username] of [
    [firmA, 'xiushui'],
    [firmB, 'nanlou'],
  ] as const) {
    const unit = await Client.signIn(env.app, username);
    const d = await unit.post('/api/v1/declarations', {
      enterpriseId: firm,
      year: 2026,
      mode: 'annual',
      batch: 'nov',
    });
    expect(d.statusCode, d.body).toBe(201);
    declOf[firm] = d.json().id;
    const i = await centre.post(`/api/v1/declarations/${declOf[firm]}/inspections`, {
      kind: 'document',
      inspectedOn: '2026-11-18',
      inspectors: '矩阵',
      findings: '矩阵测试',
      conclusion: 'pass',
    });
    inspectionOf[firm] = i.json().id;
    const file = await centre.post(
      `/api/v1/declarations/${declOf[firm]}/materials/basic_info?fileName=a.pdf`,
      Buffer.from('%PDF-1.4 matrix'),
    );
    expect(file.statusCode, file.body).toBe(201);
    fileOf[firm] = file.json().id;
  }
  // Both firms entered in 2026 and in the cultivation library: the county's lists hold both, so the check
  // that a unit's lists hold no firm of another unit is not vacuous.
  for (const firm of [firmA, firmB]) {
    const entry = await centre.post('/api/v1/directory-events', {
      enterpriseId: firm,
      type: 'entry',
      mode: 'annual',
      batch: '2025年12月批',
      approvalDate: '2026-01-15',
      effectivePeriod: '2026-01',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const member = await centre.post('/api/v1/libraries/memberships', {
      enterpriseId: firm,
      year: 2026,
      library: 'cultivation',
      action: 'add',
      reason: '矩阵测试',
    });
    expect(member.statusCode, member.body).toBe(200);
  }
  // --- setup: service requests ---
  requestOwnerOf[firmA] = await env.unitId(`${COUNTY}D01`);
  requestOwnerOf[firmB] = await env.unitId(`${COUNTY}D03`);
  for (const [firm, username] of [
    [firmA, 'xiushui'],
    [firmB, 'nanlou'],
  ] as const) {
    const unit = await Client.signIn(env.app, username);
    const raised = await unit.post('/api/v1/requests', {
      enterpriseId: firm,
      category: 'power',
      title: '矩阵测试诉求',
      detail: '矩阵测试',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    requestOf[firm] = raised.json().id;
    const routed = await centre.post(`/api/v1/requests/${requestOf[firm]}/route`, {
      ownerUnitId: requestOwnerOf[firm],
    });
    expect(routed.statusCode, routed.body).toBe(200);
  }

  // --- setup: visits and leads ---
  for (const [firm, username, unit] of [
    [firmA, 'xiushui', xiushuiId],
    [firmB, 'nanlou', nanlouId],
  ] as const) {
    const recorder = await Client.signIn(env.app, username);
    const body = {
      enterpriseId: firm,
      visitedOn: visitDay(),
      purpose: 'policy',
      findings: '矩阵测试走访',
      officials: [{ name: '矩阵', unitId: unit }],
    };
    const v = await recorder.post('/api/v1/visits', body);
    expect(v.statusCode, v.body).toBe(201);
    visitOf[firm] = v.json().id;
    const w = await recorder.post('/api/v1/visits', body);
    voidVisitOf[firm] = w.json().id;
    const file = await recorder.post(`/api/v1/visits/${visitOf[firm]}/files?fileName=a.png`, visitPng);
    expect(file.statusCode, file.body).toBe(201);
    visitFileOf[firm] = file.json().id;
  }

  // --- setup: help plans and supervision ---
  helpYear = new Date(env.clock.now().getTime() + 8 * 3600_000).getUTCFullYear();
  const gongxinUnit = await env.unitId(`${COUNTY}D01`);
  const nengyuanUnit = await env.unitId(`${COUNTY}D03`);
  for (const [firm, username, unitId, itemOwner] of [
    [firmA, 'xiushui', xiushuiId, gongxinUnit],
    [firmB, 'nanlou', nanlouId, nengyuanUnit],
  ] as const) {
    const atRisk = await centre.post('/api/v1/libraries/memberships', {
      enterpriseId: firm,
      year: helpYear,
      library: 'atRisk',
      action: 'add',
      reason: '矩阵测试',
    });
    expect(atRisk.statusCode, atRisk.body).toBe(200);
    const unit = await Client.signIn(env.app, username);
    const plan = await unit.post('/api/v1/help-plans', {
      enterpriseId: firm,
      year: helpYear,
      ownerUnitId: unitId,
      ownerName: '矩阵',
      measures: '矩阵测试',
      reviewOn: '2099-12-31',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    planOf[firm] = plan.json().plan.id;
    const sup = await centre.post('/api/v1/supervisions', {
      unitId,
      heldOn: '2026-11-18',
      findings: '矩阵测试',
      items: [
        { description: '矩阵整改', ownerName: '矩阵', dueOn: '2099-12-31' },
        { description: '矩阵配合', ownerUnitId: itemOwner, ownerName: '矩阵', dueOn: '2099-12-31' },
      ],
    });
    expect(sup.statusCode, sup.body).toBe(201);
    supOf[firm] = sup.json().id;
    supItemOf[firm] = sup.json().itemList.find((i: { ownerUnitId: number }) => i.ownerUnitId === unitId).id;
    const file = await centre.post(
      `/api/v1/supervisions/${supOf[firm]}/files?fileName=a.pdf`,
      Buffer.from('%PDF-1.4 m'),
    );
    expect(file.statusCode, file.body).toBe(201);
    supFileOf[firm] = file.json().id;
  }

  // --- setup: training and coverage ---
  {
    const t = await centre.post('/api/v1/trainings', {
      heldOn: '2025-06-18',
      topic: '矩阵测试专题培训',
      kind: 'course',
    });
    expect(t.statusCode, t.body).toBe(201);
    matrixTraining = t.json().id;
    voidableTraining = (
      await centre.post('/api/v1/trainings', {
        heldOn: '2025-07-01',
        topic: '矩阵测试待作废',
        kind: 'online',
      })
    ).json().id;
    for (const firm of [firmA, firmB]) {
      const a = await centre.post(`/api/v1/trainings/${matrixTraining}/attendance`, {
        enterpriseId: firm,
        personName: '矩阵测试签到',
      });
      expect(a.statusCode, a.body).toBe(201);
      attendanceOf[firm] = a.json().id;
    }
    const file = await centre.post(
      `/api/v1/trainings/${matrixTraining}/files?fileName=a.pdf`,
      Buffer.from('%PDF-1.4 matrix'),
    );
    expect(file.statusCode, file.body).toBe(201);
    trainingFile = file.json().id;
  }

  // --- setup: service overview and timeline ---
});
afterAll(async () => {
  process.env.PATH = savedPath;
  await env.close();
});

/** The firms' texts a list or an export of another unit must never contain. */
function markersOf(firm: number): string[] {
  return firm === firmA
    ? [codeA, nameA, '矩阵测试甲有限公司', `"enterpriseId":${firmA}`]
    : [codeB, nameB, '矩阵测试乙有限公司', `"enterpriseId":${firmB}`];
}

/** Every cell of every sheet of an xlsx answer, as one text. */
async function xlsxText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        cells.push(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
      }),
    );
  return cells.join('\u0001');
}

/** The routes in SAMPLES order, cut into tests of one slice each and at most eight routes. */
const GROUPS: { name: string; keys: string[] }[] = [];
for (const key of Object.keys(SAMPLES)) {
  const slice = key.split(' ')[1]!.split('/')[3]!;
  const last = GROUPS.at(-1);
  if (last?.name.startsWith(`${slice} `) && last.keys.length < 8) last.keys.push(key);
  else
    GROUPS.push({
      name: `${slice} ${GROUPS.filter((g) => g.name.startsWith(`${slice} `)).length + 1}`,
      keys: [key],
    });
}

describe('access matrix', () => {
  it('has a sample for every declared route, and no sample without its route', () => {
    const keys = declaredRoutes(env.app).map((r) => `${r.method} ${r.url}`);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !SAMPLES[k])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('checks every list and export for rows of another unit', () => {
    const exports = Object.keys(SAMPLES).filter((k) => k.startsWith('GET ') && k.endsWith('/export'));
    expect(exports.length).toBeGreaterThan(8);
    expect(exports.filter((k) => SAMPLES[k]!.list !== 'xlsx')).toEqual([]);
  });
});

// One describe per user, one test per slice of routes: each test makes at most sixteen requests.
for (const user of TEST_USERS) {
  describe(`access matrix: ${user.role} (${user.username})`, () => {
    let client: Client;
    const permissions = new Set(permissionsOf([user.role as Role]));
    beforeAll(async () => {
      client = await Client.signIn(env.app, user.username, PASSWORD);
    });

    it.each(GROUPS)('$name gets exactly what its role and unit allow', async ({ keys }) => {
      const access = new Map(declaredRoutes(env.app).map((r) => [`${r.method} ${r.url}`, r.access]));
      const problems: string[] = [];
      const own = OWN[user.username] === 'B' ? firmB : firmA;
      const other = own === firmA ? firmB : firmA;
      const countyWide = OWN[user.username] === undefined;
      for (const key of keys) {
        const sample = SAMPLES[key]!;
        const method = key.split(' ')[0] as 'GET';
        const routeAccess = access.get(key)!;
        const targets = sample.firmScoped ? [own, other] : [own];
        for (const firm of targets) {
          const res = await client.request(method, sample.url(firm), sample.body?.(firm));
          const needed = sample.effective ?? routeAccess;
          let expected: string;
          let pass: boolean;
          if (routeAccess === 'public' && sample.ok) {
            expected = 'custom';
            pass = sample.ok(res.statusCode);
          } else if (needed !== 'public' && needed !== 'authenticated' && !permissions.has(needed)) {
            expected = '403';
            pass = res.statusCode === 403;
          } else if (sample.firmScoped && firm === other && !countyWide) {
            expected = '404';
            pass = res.statusCode === 404;
          } else if (method === 'GET' && !sample.ok) {
            // A permitted read answers exactly 200: a list, an export, a firm of the caller's own.
            expected = '200';
            pass = res.statusCode === 200;
          } else {
            expected = 'allowed';
            pass = sample.ok
              ? sample.ok(res.statusCode)
              : (res.statusCode >= 200 && res.statusCode < 300) || [400, 409].includes(res.statusCode);
          }
          if (!pass)
            problems.push(
              `${key} firm=${firm === own ? 'own' : 'other'}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          // No row of another unit ever comes back from a list or an export.
          if (pass && sample.list && res.statusCode === 200) {
            const text = sample.list === 'xlsx' ? await xlsxText(res) : res.body;
            if (!countyWide) {
              const leaked = markersOf(other).filter((m) => text.includes(m));
              if (leaked.length)
                problems.push(`${key}: answered rows of another unit's firm (${leaked.join(', ')})`);
              if (key === 'GET /api/v1/enterprises') {
                const ids = res.json().items.map((e: { id: number }) => e.id);
                if (ids.includes(other)) problems.push(`${key}: list returned a firm of another unit`);
              }
            } else if (sample.holdsBoth) {
              // The check above is not vacuous: the county sees both firms in the same list.
              for (const f of [firmA, firmB])
                if (!markersOf(f).some((m) => text.includes(m)))
                  problems.push(`${key}: the county's answer lacks firm ${f === firmA ? 'A' : 'B'}`);
            }
          }
          if (sample.signsOut && res.statusCode < 300)
            client = await Client.signIn(env.app, user.username, PASSWORD);
        }
      }
      expect(problems).toEqual([]);
    });
  });
}

// Separation of duties on top of the role table: a role that may act on a declaration is still refused the
// step when it prepared the declaration, or when it is the declaring unit recording the inspection that gates it.
describe('access matrix: separation of duties', () => {
  it('refuses the preparer its own unit review and the declaring unit the inspections (403, Chinese reason)', async () => {
    // Its own firm and declaration: the walk above may have entered the shared firms into the directory.
    const centre = await Client.signIn(env.app, 'centre');
    const firm = await centre.request('POST', '/api/v1/enterprises', firmBody(xiushuiId));
    expect(firm.statusCode, firm.body).toBe(201);
    const xiushui = await Client.signIn(env.app, 'xiushui');
    const created = await xiushui.request('POST', '/api/v1/declarations', {
      enterpriseId: firm.json().id,
      year: 2026,
      mode: 'annual',
      batch: 'nov',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const detail = (await xiushui.request('GET', `/api/v1/declarations/${id}`)).json() as {
      state: string;
      materials: { item: string }[];
    };
    expect(detail.state).toBe('preparing');
    for (const m of detail.materials) {
      const up = await xiushui.request(
        'POST',
        `/api/v1/declarations/${id}/materials/${m.item}?fileName=${m.item}.pdf`,
        Buffer.from('%PDF-1.4 matrix'),
      );
      expect(up.statusCode, up.body).toBe(201);
    }
    const submit = await xiushui.request('POST', `/api/v1/declarations/${id}/transitions`, {
      to: 'township_review',
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const review = await xiushui.request('POST', `/api/v1/declarations/${id}/transitions`, {
      to: 'centre_review',
    });
    expect(review.statusCode, review.body).toBe(403);
    expect(review.json().error.message).toContain('不能审核通过自己准备的申报');
    const inspection = await xiushui.request('POST', `/api/v1/declarations/${id}/inspections`, {
      kind: 'field',
      inspectedOn: '2026-11-18',
      inspectors: '矩阵',
      findings: '矩阵测试',
      conclusion: 'pass',
    });
    expect(inspection.statusCode, inspection.body).toBe(403);
    expect(inspection.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
