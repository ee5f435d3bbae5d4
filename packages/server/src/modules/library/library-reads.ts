// What the libraries answer: a library's members with their reasons, a firm's history, the 达规未入统 to-do
// from tax figures and the CLI report (evaluated live, nothing written).
import {
  currentPlanYear,
  LIBRARIES,
  type Library,
  type LibraryMember,
  type OperatingStatus,
  type Pathway,
  type Tier,
  wanText,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import {
  findYearFreeze,
  type LibraryListFilter,
  type LibraryListRow,
  listLibraryMembers,
  listMembershipHistory,
  listOperatingStatusHistory,
  listPathwayHistory,
  listUnreportedByTax,
} from './library.repository.js';
import { evaluateFirms, getLibraryThresholds } from './library-evaluate.js';
// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────────

export type LibraryMemberView = LibraryMember;

function memberView(r: LibraryListRow, library: Library): LibraryMemberView {
  const v = r.v;
  const ruleReasons = ((v?.matches ?? []) as { library: string; reason: string }[])
    .filter((m) => m.library === library)
    .map((m) => m.reason);
  const suggested = (v?.pathwaySuggested ?? null) as Pathway | null;
  const num = (x: string | null | undefined) => (x === null || x === undefined ? null : Number(x).toFixed(2));
  return {
    enterpriseId: r.id,
    creditCode: r.creditCode,
    name: r.name,
    legalForm: r.legalForm,
    industryCode: r.industryCode,
    scaleStatus: r.scaleStatus,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    priorYearRevenue: num(v?.priorRevenue),
    priorYearLabel: v?.priorLabel ?? null,
    ytdRevenue: num(v?.ytdRevenue),
    ytdMonths: v?.ytdMonths ?? 0,
    taxYtd: num(v?.taxYtd),
    projectedRevenue: num(v?.projectedRevenue),
    pReachYear: v?.pReachYear ?? null,
    pBelowYearEnd: v?.pBelowYearEnd ?? null,
    reasons: r.m.manual ? [r.m.enteredReason, ...ruleReasons] : ruleReasons,
    rule: r.m.enteredRule,
    manual: r.m.manual,
    pathway: ((r.pathwayChosen ?? suggested) as Pathway | null) ?? null,
    pathwaySuggested: suggested,
    pathwayChosen: r.pathwayChosen !== null,
    tier: (v?.tier ?? null) as Tier | null,
    since: r.m.enteredAt.toISOString(),
  };
}

export interface LibraryListQuery extends LibraryListFilter {
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listLibrary(db: Executor, ctx: RequestContext, library: Library, q: LibraryListQuery) {
  const year = q.year ?? currentPlanYear(ctx.now);
  const { page, pageSize, year: _y, ...filter } = q;
  const { rows, total } = await listLibraryMembers(db, ctx.scope, {
    year,
    library,
    filter,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const f = await findYearFreeze(db, year);
  return {
    items: rows.map((r) => memberView(r, library)),
    total,
    page,
    pageSize,
    year,
    library,
    /** Set for a past year kept as it stood at its cut-off. */
    frozen: f ? { asOf: f.asOf, frozenAt: f.frozenAt.toISOString(), reason: f.reason } : null,
  };
}

export async function listAllOfLibrary(
  db: Executor,
  ctx: RequestContext,
  library: Library,
  q: Omit<LibraryListQuery, 'page' | 'pageSize'>,
) {
  return listLibrary(db, ctx, library, { ...q, page: 1, pageSize: 100_000 });
}

/** A firm's library history: every entry and exit with its reason, its pathway choices and operating status. */
export async function listFirmLibraries(
  db: Executor,
  ctx: RequestContext,
  enterpriseId: number,
  year?: number,
) {
  await assertInScope(db, ctx, enterpriseId);
  const memberships = await listMembershipHistory(db, ctx.scope, enterpriseId, year);
  const pathways = await listPathwayHistory(db, ctx.scope, enterpriseId);
  const statuses = await listOperatingStatusHistory(db, ctx.scope, enterpriseId);
  return {
    items: memberships.map(({ m, enteredByName, leftByName }) => ({
      id: m.id,
      year: m.year,
      library: m.library as Library,
      current: m.leftAt === null,
      manual: m.manual,
      enteredAt: m.enteredAt.toISOString(),
      enteredRule: m.enteredRule,
      enteredReason: m.enteredReason,
      enteredByName,
      leftAt: m.leftAt?.toISOString() ?? null,
      leftReason: m.leftReason,
      leftByName,
    })),
    pathways: pathways.map(({ p, setByName }) => ({
      year: p.year,
      pathway: p.pathway as Pathway,
      reason: p.reason,
      setAt: p.setAt.toISOString(),
      setByName,
    })),
    operatingStatus: statuses.map(({ s, recordedByName }) => ({
      status: s.status as OperatingStatus,
      since: s.since,
      reason: s.reason,
      recordedAt: s.recordedAt.toISOString(),
      recordedByName,
    })),
  };
}

/** 达规未入统 found from tax data, for the centre's to-do list. */
export async function listUnreported(db: Executor, ctx: RequestContext, year?: number) {
  const y = year ?? currentPlanYear(ctx.now);
  const t = await getLibraryThresholds(db, y);
  const rows = await listUnreportedByTax(db, ctx.scope, y, t.scale);
  return {
    year: y,
    threshold: t.scale.toFixed(2),
    items: rows.map((r) => {
      const lastMonth = Number(r.last_period.slice(5, 7));
      return {
        enterpriseId: Number(r.id),
        creditCode: r.credit_code,
        name: r.name,
        legalForm: r.legal_form,
        industryCode: r.industry_code,
        townshipId: Number(r.township_id),
        townshipName: r.township_name,
        supervisingUnitId: Number(r.supervising_unit_id),
        supervisingUnitName: r.supervising_unit_name,
        taxRevenue: Number(r.tax).toFixed(2),
        taxMonths: Number(r.months),
        lastPeriod: r.last_period,
        statisticsRevenue: r.stat === null ? null : Number(r.stat).toFixed(2),
        pathway: (r.legal_form === 'individual'
          ? 'individual_to_enterprise'
          : 'reached_not_reported') as Pathway,
        reason: `${y}年1-${lastMonth}月税务口径销售收入${wanText(Number(r.tax))}，已达到${wanText(t.scale)}，尚未入统`,
      };
    }),
  };
}

/** The CLI report: every firm in a library for the year as of a date, evaluated live (nothing is written). */
export async function reportLibraries(
  db: Executor,
  ctx: RequestContext,
  opts: { year: number; asOf?: string | undefined },
) {
  if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw invalid('asOf', '日期格式应为 YYYY-MM-DD');
  const ev = await evaluateFirms(db, ctx, opts);
  const enterprises = ev.results
    .filter((r) => r.desired.size > 0)
    .sort((a, b) =>
      a.firm.creditCode < b.firm.creditCode ? -1 : a.firm.creditCode > b.firm.creditCode ? 1 : 0,
    )
    .map((r) => ({
      creditCode: r.firm.creditCode,
      name: r.firm.name,
      libraries: LIBRARIES.filter((l) => r.desired.has(l)),
      reasons: LIBRARIES.flatMap((l) => {
        const d = r.desired.get(l);
        if (!d) return [];
        return d.manual
          ? [d.reason]
          : r.evaluation.matches.filter((m) => m.library === l).map((m) => m.reason);
      }),
      pathway: r.pathway,
      tier: r.tier,
    }));
  return { year: ev.year, asOf: ev.asOf, enterprises };
}
