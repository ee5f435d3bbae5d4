// One firm's timeline (企业服务档案): its figures, library changes, 包联 leads, visits, requests step by step,
// help plans and reviews, trainings attended, declarations and directory events, newest first. Read-only;
// the firm must be in the caller's scope (enterprise.access.ts).
import {
  addDays,
  addMonths,
  chinaDate,
  chinaDayStart,
  DECLARATION_STATE_LABELS,
  type DeclarationState,
  DIRECTORY_EVENT_TYPE_LABELS,
  type DirectoryEventType,
  EXIT_REASON_LABELS,
  type ExitReason,
  figurePeriodLabel,
  formatWan,
  HELP_OUTCOME_LABELS,
  type HelpOutcome,
  LIBRARY_LABELS,
  type Library,
  REQUEST_ACTION_LABELS,
  REQUEST_STATE_LABELS,
  REVENUE_SOURCE_LABELS,
  REVENUE_SOURCE_UNITS,
  type RequestAction,
  type RequestState,
  type RevenueSource,
  requestLight,
  TIMELINE_KINDS,
  type Timeline,
  type TimelineEntry,
  TRAINING_KIND_LABELS,
  type TrainingKind,
  VISIT_PURPOSE_LABELS,
  type VisitPurpose,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';
import {
  firmDeclarationSteps,
  firmDirectoryEvents,
  firmFigures,
  firmHelpPlans,
  firmLeadHistory,
  firmMemberships,
  firmNameInScope,
  firmRequestSteps,
  firmRequests,
  firmTrainings,
  firmVisits,
} from './overview.repository.js';

const label = <K extends string>(labels: Record<K, string>, key: string): string =>
  (labels as Record<string, string>)[key] ?? key;

/** The last day of a `YYYY-MM` period. */
const periodEnd = (period: string) => addDays(`${addMonths(period, 1)}-01`, -1);

function entry(
  kind: TimelineEntry['kind'],
  at: Date | string,
  title: string,
  rest: Partial<Pick<TimelineEntry, 'detail' | 'by' | 'link' | 'light'>> = {},
): TimelineEntry {
  // A day-only fact (a visit's date, an approval date) sorts at the start of its China day.
  const iso = typeof at === 'string' ? chinaDayStart(at).toISOString() : at.toISOString();
  return {
    at: iso,
    day: typeof at === 'string' ? at : chinaDate(at),
    kind,
    title,
    detail: rest.detail ?? null,
    by: rest.by ?? null,
    link: rest.link ?? null,
    light: rest.light ?? null,
  };
}

const by = (name: string | null, unit?: string | null) =>
  name ? (unit ? `${name}（${unit}）` : name) : (unit ?? null);

export async function getFirmTimeline(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  q: { kinds: string[]; from?: string | undefined; to?: string | undefined },
): Promise<Timeline> {
  await assertInScope(db, ctx, enterpriseId);
  const name = (await firmNameInScope(db, ctx.scope, enterpriseId)) ?? '';
  const items: TimelineEntry[] = [];
  const today = chinaDate(ctx.now);

  // Figures: one entry per period, every source's current figure.
  const periods = new Map<string, { months: number; parts: string[]; at: string }>();
  for (const f of await firmFigures(db, enterpriseId)) {
    const key = `${f.period}/${f.months}`;
    const p = periods.get(key) ?? { months: f.months, parts: [], at: periodEnd(f.period) };
    const source = f.source as RevenueSource;
    p.parts.push(
      REVENUE_SOURCE_UNITS[source] === 'kWh'
        ? `${label(REVENUE_SOURCE_LABELS, source)} ${Number(f.value).toLocaleString('en-US')} 千瓦时`
        : `${label(REVENUE_SOURCE_LABELS, source)} ${formatWan(f.value)}万元`,
    );
    periods.set(key, p);
  }
  for (const [key, p] of periods)
    items.push(
      entry('figure', p.at, `${figurePeriodLabel(key.split('/')[0]!, p.months as 1 | 3)}营业收入`, {
        detail: p.parts.join('；'),
      }),
    );

  for (const m of await firmMemberships(db, enterpriseId)) {
    const lib = `${label(LIBRARY_LABELS, m.library as Library)}（${m.year}年）`;
    items.push(entry('library', m.enteredAt, `进入${lib}`, { detail: m.enteredReason }));
    if (m.leftAt) items.push(entry('library', m.leftAt, `移出${lib}`, { detail: m.leftReason }));
  }

  for (const l of await firmLeadHistory(db, enterpriseId))
    items.push(entry('lead', l.assignedAt, `确定包联：${l.leadName}（${l.leadUnit}）`, { by: l.by }));

  for (const v of await firmVisits(db, enterpriseId))
    items.push(
      entry(
        'visit',
        v.visitedOn,
        `走访：${label(VISIT_PURPOSE_LABELS, v.purpose as VisitPurpose)}${v.voidedAt ? '（已作废）' : ''}`,
        { detail: v.findings, by: v.officials, link: `/service/visits/${v.id}` },
      ),
    );

  const cal = await loadWorkdayCalendar(db);
  const lights = new Map(
    (await firmRequests(db, enterpriseId)).map((r) => [
      r.id,
      requestLight(
        cal,
        {
          state: r.state as RequestState,
          waitingSince: r.waitingSince,
          deadlines:
            r.acceptDue && r.replyDue && r.closeDue
              ? { acceptDue: r.acceptDue, replyDue: r.replyDue, closeDue: r.closeDue }
              : null,
          repliedOn: r.repliedAt ? chinaDate(r.repliedAt) : null,
        },
        today,
      )?.light ?? null,
    ]),
  );
  for (const s of await firmRequestSteps(db, enterpriseId)) {
    const action = label(REQUEST_ACTION_LABELS, s.action as RequestAction);
    const routed = s.action === 'route' && s.ownerUnit ? `，承办单位：${s.ownerUnit}` : '';
    items.push(
      entry('request', s.at, `诉求“${s.title}”（${s.categoryLabel}）：${action}`, {
        detail:
          [s.note, `状态：${label(REQUEST_STATE_LABELS, s.toState as RequestState)}${routed}`]
            .filter(Boolean)
            .join('；') || null,
        by: by(s.actor, s.actorUnit),
        link: `/service/requests/${s.requestId}`,
        light: s.action === 'raise' ? (lights.get(s.requestId) ?? null) : null,
      }),
    );
  }

  const help = await firmHelpPlans(db, enterpriseId);
  for (const p of help.plans) {
    items.push(
      entry('helpPlan', p.createdAt, `制定稳规帮扶方案（${p.year}年）`, {
        detail: p.measures,
        by: by(p.ownerName, p.ownerUnit),
        link: `/service/help-plans/${p.id}`,
      }),
    );
    if (p.closedAt)
      items.push(
        entry('helpPlan', p.closedAt, `帮扶方案结束（${p.year}年）`, {
          detail: p.closeNote,
          link: `/service/help-plans/${p.id}`,
        }),
      );
  }
  for (const r of help.reviews)
    items.push(
      entry('helpPlan', r.reviewedOn, `帮扶回访：${label(HELP_OUTCOME_LABELS, r.outcome as HelpOutcome)}`, {
        detail: r.note,
        by: r.by,
        link: `/service/help-plans/${r.planId}`,
      }),
    );

  for (const t of await firmTrainings(db, enterpriseId))
    items.push(
      entry('training', t.heldOn, `参加${label(TRAINING_KIND_LABELS, t.kind as TrainingKind)}：${t.topic}`, {
        detail: `参加人：${t.personName}`,
        by: t.organiser,
        link: `/service/trainings/${t.trainingId}`,
      }),
    );

  for (const d of await firmDeclarationSteps(db, enterpriseId))
    items.push(
      entry(
        'declaration',
        d.at,
        `入库申报（${d.year}年${d.batchName}）：${label(DECLARATION_STATE_LABELS, d.toState as DeclarationState)}`,
        { detail: d.comment, by: d.actor, link: `/declarations/${d.declarationId}` },
      ),
    );

  for (const e of await firmDirectoryEvents(db, enterpriseId)) {
    const type = label(DIRECTORY_EVENT_TYPE_LABELS, e.type as DirectoryEventType);
    const reason = e.exitReason ? `（${label(EXIT_REASON_LABELS, e.exitReason as ExitReason)}）` : '';
    items.push(
      entry('directory', e.approvalDate, `${type}${reason}${e.voidedAt ? '（已作废）' : ''}`, {
        detail: [e.batch, `生效期间 ${e.effectivePeriod}`].filter(Boolean).join('；'),
      }),
    );
  }

  const counts: Record<string, number> = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0]));
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  const shown = items
    .filter((i) => q.kinds.length === 0 || q.kinds.includes(i.kind))
    .filter((i) => (!q.from || i.day >= q.from) && (!q.to || i.day <= q.to))
    // Newest first.
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { enterpriseId, name, items: shown, counts };
}
