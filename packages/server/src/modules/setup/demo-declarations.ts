// The demo's running declaration batches: the candidates of the population (next January's entrants and
// the firms on a pace to cross, see demo-population.ts) are declared in the annual batches of the year the
// figures end in, by the demo users, through the declaration service, so every rule of the workflow applies
// (materials, inspections, who may take which step). How far each one got depends on today: a batch whose
// deadline has passed is mostly recorded as 已入库 by the statistics bureau; an open one holds declarations
// being prepared and reviewed. A step a rule refuses stops that declaration where it stands.
//
// Deterministic for a given today: the order is the population's, the steps are dated back from today.
import {
  addMonths,
  COUNTY_BODIES,
  chinaDate,
  chinaDayStart,
  type DeclarationState,
  type MaterialItem,
  permissionsOf,
  type Role,
  type UnitKind,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { scopeFor } from '../../platform/auth/access.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  createDeclaration,
  getDeclaration,
  getDeclarationCalendar,
  overrideCheck,
  recordInspection,
  transitionDeclaration,
  uploadMaterial,
} from '../declaration/declaration.service.js';
import type { DemoEnterprise } from '../demo/demo-population.js';

export interface DemoUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unit: { id: number; code: string; name: string; kind: string; path: string };
}

export interface DemoDeclarationsInput {
  population: readonly DemoEnterprise[];
  enterpriseIds: readonly number[];
  users: readonly DemoUser[];
  countyCode: string;
  /** The batches' year: the year of the last month with figures. */
  year: number;
  now: Date;
}

export interface DemoDeclarationsResult {
  created: number;
  /** How many stand in each state. */
  states: Partial<Record<DeclarationState, number>>;
}

const DAY = 86_400_000;

/** Who acts as a demo user at a moment: the context a signed-in request of theirs would carry. */
export function demoUserContext(user: DemoUser, now: Date): RequestContext {
  const unit = { ...user.unit, kind: user.unit.kind as UnitKind };
  return {
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [user.role],
      mustChangePassword: false,
      restriction: null,
      sessionId: 'demo-setup',
      unit,
    },
    permissions: new Set(permissionsOf([user.role])),
    scope: scopeFor(unit),
    requestId: null,
    ip: null,
    now,
  };
}

/** A one-page PDF naming the material (ASCII: the built-in Helvetica has no Chinese). */
function materialPdf(item: MaterialItem, creditCode: string): Buffer {
  const text = `Demo material: ${item} of ${creditCode} (synthetic data)`;
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const MATERIAL_FILE_NAMES: Record<MaterialItem, string> = {
  basic_info: '法人单位基本情况表.pdf',
  business_licence: '营业执照.pdf',
  financial_statements: '资产负债表和利润表.pdf',
  vat_returns: '增值税纳税申报表.pdf',
  gate_photos: '厂门及企业标牌照片.pdf',
  equipment_photos: '设备运行照片.pdf',
  project_approval: '项目备案文件.pdf',
  output_revenue: '12个月产值和收入.pdf',
  integrity_pledge: '统计数据真实性承诺书.pdf',
};

// Where the declarations of a batch stand, in turn: a closed batch (deadline passed) is mostly decided, an
// open one is being reviewed. Without a second unit to review it, a declaration waits at the unit's review.
const CLOSED_PATTERN: readonly DeclarationState[] = ['entered', 'submitted', 'entered', 'returned'];
const OPEN_PATTERN: readonly DeclarationState[] = ['centre_review', 'returned', 'centre_review'];
/** The steps that lead to each state, after creation. */
const PATHS: Record<DeclarationState, readonly DeclarationState[]> = {
  preparing: [],
  township_review: ['township_review'],
  centre_review: ['township_review', 'centre_review'],
  submitted: ['township_review', 'centre_review', 'submitted'],
  entered: ['township_review', 'centre_review', 'submitted', 'entered'],
  returned: ['township_review', 'centre_review', 'returned'],
  withdrawn: ['withdrawn'],
};

/** 10:00 China time on the ISO date. */
const morning = (date: string, minutes = 0) =>
  new Date(chinaDayStart(date).getTime() + 10 * 3_600_000 + minutes * 60_000);

export async function seedDemoDeclarations(
  db: Db,
  input: DemoDeclarationsInput,
): Promise<DemoDeclarationsResult> {
  const { year, now } = input;
  const today = chinaDate(now);
  const calendar = await getDeclarationCalendar(db, year);
  const annual = [...calendar.batches].sort((a, b) => (a.deadline < b.deadline ? -1 : 1));
  const first = annual[0];
  const last = annual.at(-1);
  const result: DemoDeclarationsResult = { created: 0, states: {} };
  if (!first || !last) return result;
  // The first demo user of a unit prepares; a unit's second user (its reviewer) is for people trying the demo.
  const byUnit = new Map<string, DemoUser>();
  for (const u of input.users) if (!byUnit.has(u.unit.code)) byUnit.set(u.unit.code, u);
  const centre = input.users.find((u) => u.role === 'centre');
  const bureau = input.users.find((u) => u.role === 'statistics');
  if (!centre || !bureau) return result;

  // Entrants alternate between the first and the last annual batch, those a second unit can review apart from
  // the others so both batches get some; firms on pace wait for more figures in the last batch.
  const turns = new Map<string, number>();
  const turn = (key: string) => {
    const n = turns.get(key) ?? 0;
    turns.set(key, n + 1);
    return n;
  };
  let k = 0;
  for (const [index, firm] of input.population.entries()) {
    if (!firm.candidate) continue;
    const body = COUNTY_BODIES.find((b) => b.key === firm.supervisingKey);
    const township = byUnit.get(firm.townshipCode);
    const department = body ? byUnit.get(`${input.countyCode}${body.suffix}`) : undefined;
    // The township prepares where it has a demo user, else the supervising unit; the other one reviews.
    const preparer = township?.role === 'township' ? township : department;
    const reviewer = preparer === township ? department : undefined;
    if (!preparer) continue;
    const batch =
      firm.candidate === 'pace' || turn(reviewer ? 'reviewed' : 'unreviewed') % 2 === 1 ? last : first;
    const closed = today > batch.deadline;
    let target: DeclarationState = 'preparing';
    if (firm.candidate === 'entrant') {
      const pattern = closed ? CLOSED_PATTERN : OPEN_PATTERN;
      target = reviewer
        ? (pattern[turn(`${batch.key}:${closed}`) % pattern.length] ?? 'preparing')
        : 'township_review';
    }
    const path = PATHS[target];
    // The last step on the batch's deadline plus a few days (closed) or yesterday, the others two days apart.
    const end = Math.min(
      closed ? chinaDayStart(batch.deadline).getTime() + (3 + (k % 4)) * DAY : Number.POSITIVE_INFINITY,
      chinaDayStart(today).getTime() - DAY,
    );
    const dayOf = (step: number) => chinaDate(end - (path.length - step) * 2 * DAY);
    const at = (step: number, minutes = 0) => morning(dayOf(step), k * 7 + minutes);
    k++;

    const enterpriseId = input.enterpriseIds[index]!;
    let state: DeclarationState | null = null;
    try {
      const created = await createDeclaration(db, demoUserContext(preparer, at(0)), {
        enterpriseId,
        year,
        mode: 'annual',
        batch: batch.key,
      });
      result.created++;
      state = 'preparing';
      const id = created.id;
      const items = created.materials.map((m) => m.item);
      // Preparing: some of the materials so far; any later state: every one the checklist asks for.
      const upload = target === 'preparing' ? items.slice(0, 1 + (k % 4)) : items;
      for (const [i, item] of upload.entries()) {
        await uploadMaterial(
          db,
          demoUserContext(preparer, at(0, 10 + i)),
          id,
          item,
          MATERIAL_FILE_NAMES[item],
          materialPdf(item, firm.creditCode),
        );
      }
      for (const [s, to] of path.entries()) {
        const step = s + 1;
        if (to === 'township_review') {
          await transitionDeclaration(db, demoUserContext(preparer, at(step)), id, { to, comment: null });
        } else if (to === 'centre_review') {
          await transitionDeclaration(db, demoUserContext(reviewer!, at(step)), id, {
            to,
            comment: '材料齐全，同意报送中心审核',
          });
        } else if (to === 'submitted') {
          for (const [i, kind] of (['field', 'document'] as const).entries()) {
            await recordInspection(db, demoUserContext(centre, at(step, i - 30)), id, {
              kind,
              inspectedOn: dayOf(step),
              inspectors: centre.displayName.replace(/（.*$/, ''),
              findings:
                kind === 'field'
                  ? '企业正常生产，厂区、设备与申报材料一致'
                  : '财务报表、增值税纳税申报表与申报数据一致',
              conclusion: 'pass',
            });
          }
          // A below-scale firm files no statistics report, so the tax/statistics comparison cannot run: the
          // centre verifies against the VAT returns and the income statement and says so, as an override
          // with its reason (a failing check is left to block, as it would for a real user).
          const detail = await getDeclaration(db, demoUserContext(centre, at(step, -20)), id);
          for (const c of detail.checks) {
            if (c.gate !== 'submitted' || c.status !== 'not_run' || c.override) continue;
            await overrideCheck(db, demoUserContext(centre, at(step, -20)), id, {
              check: c.key,
              reason: '企业规下期间未报送统计报表，已核对增值税纳税申报表与利润表，收入一致',
            });
          }
          await transitionDeclaration(db, demoUserContext(centre, at(step)), id, {
            to,
            comment: '审核通过，已报县统计局',
          });
        } else if (to === 'returned') {
          await transitionDeclaration(db, demoUserContext(centre, at(step)), id, {
            to,
            comment: '设备运行照片不清晰，请补充近期照片后重新报送',
          });
        } else if (to === 'entered') {
          await transitionDeclaration(db, demoUserContext(bureau, at(step)), id, {
            to,
            comment: null,
            entry: {
              approvalDate: dayOf(step),
              effectivePeriod: addMonths(`${year}-12`, 1),
              effectivePeriodReason: null,
            },
          });
        }
        state = to;
      }
    } catch (err) {
      // A rule refused the step: the declaration stays where it stands, as it would for a real user.
      if (!(err instanceof AppError)) throw err;
    }
    if (state) result.states[state] = (result.states[state] ?? 0) + 1;
  }
  return result;
}
