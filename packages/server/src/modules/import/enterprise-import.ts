// The enterprise registry from a sheet: a new credit code registers a firm, a known one updates the columns
// the sheet fills (blank cells keep what is recorded), an identical row changes nothing. The caller's data
// scope holds per row: a township imports only its own firms (docs/ARCHITECTURE.md §Access).
import {
  CREDIT_CODE_MESSAGES,
  checkCreditCode,
  chinaPeriod,
  enterpriseCreateSchema,
  enterpriseUpdateSchema,
  type LegalForm,
  normalizeCreditCode,
  normalizeIndustryCode,
  placeFirm,
  type ScaleStatus,
  SUPERVISING_KINDS,
  type UnitKind,
} from '@shenggui/domain';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import { insertEnterprise, updateEnterpriseRow } from '../enterprise/enterprise.repository.js';
import { setScaleStatus } from '../enterprise/scale-status.js';
import { listUnitsUnder, type OrgUnitRow } from '../org/org.repository.js';
import { workingRootPath } from '../org/org.service.js';
import { getSupervisingRule } from '../settings/settings.service.js';
import { type EnterpriseRow, findFirmsByCodes, registeredCodes } from './import.repository.js';
import type { FieldSpec, ImportKind, Planned, Problem, SheetRecord } from './import-kind.js';
import { CREDIT_CODE_FIELD, NAME_FIELD, SEQ_FIELD } from './revenue-import.js';
import { cellText, parseDate, parseYesNo } from './values.js';

const FIELDS: FieldSpec[] = [
  SEQ_FIELD,
  { ...CREDIT_CODE_FIELD, example: '' },
  NAME_FIELD,
  {
    key: 'legalForm',
    label: '法人类型',
    synonyms: ['单位类型', '企业类型', '法人单位类型', '主体类型'],
    note: '企业法人 / 个体工商户 / 其他',
    example: '企业法人',
  },
  {
    key: 'industryCode',
    label: '行业代码',
    synonyms: ['国民经济行业代码', '行业分类代码', '行业小类代码', '行业类别代码', '行业小类'],
    note: 'GB/T 4754-2017 四位小类',
    example: '3311',
  },
  {
    key: 'township',
    label: '所属乡镇',
    synonyms: ['乡镇', '属地', '所在乡镇', '乡镇(街道)', '所属乡镇(街道)', '属地乡镇'],
    example: '秀水镇',
  },
  {
    key: 'supervising',
    label: '主管部门',
    synonyms: ['行业主管部门', '行业主管单位', '主管单位', '行业主管'],
    note: '可留空：按行业与属地建议',
    example: '县工信局',
  },
  {
    key: 'productionStartedOn',
    label: '投产日期',
    synonyms: ['投产时间', '开工投产日期'],
    example: '2023-10-01',
  },
  {
    key: 'scale',
    label: '规模状态',
    synonyms: ['是否规上', '是否规模以上', '规上/规下', '是否规模以上企业'],
    note: '规上 / 规下',
    example: '规下',
  },
  {
    key: 'address',
    label: '地址',
    synonyms: ['企业地址', '注册地址', '详细地址', '经营地址', '住所'],
    example: '盂县秀水镇工业园区1号',
  },
  {
    key: 'foundedOn',
    label: '成立日期',
    synonyms: ['成立时间', '注册日期', '开业日期', '登记日期'],
    example: '2018-03-15',
  },
  { key: 'contactName', label: '联系人', synonyms: ['企业联系人', '负责人', '联系人姓名'], example: '张三' },
  {
    key: 'contactPhone',
    label: '联系电话',
    synonyms: ['电话', '手机', '联系方式', '手机号码', '联系人电话'],
    example: '0353-6012345',
  },
];

const LEGAL_FORM_WORDS: Record<string, LegalForm> = {
  企业法人: 'enterprise',
  企业: 'enterprise',
  法人企业: 'enterprise',
  公司: 'enterprise',
  有限责任公司: 'enterprise',
  股份有限公司: 'enterprise',
  个体工商户: 'individual',
  个体户: 'individual',
  个体: 'individual',
  其他: 'other',
};

interface EnterpriseRecord extends SheetRecord {
  creditCode: string;
  cols: Record<string, string>;
  values: {
    name: string | null;
    legalForm: LegalForm | null;
    industryCode: string | null;
    township: string | null;
    supervising: string | null;
    productionStartedOn: string | null;
    foundedOn: string | null;
    scaleStatus: ScaleStatus | null;
    address: string | null;
    contactName: string | null;
    contactPhone: string | null;
  };
}

type Fields = Omit<EnterpriseRow, 'id' | 'creditCode' | 'creditCodeFlagged' | 'createdAt' | 'updatedAt'>;

interface EnterpriseChange extends Planned {
  creditCode: string;
  create: (Fields & { creditCodeFlagged: boolean }) | null;
  update: { id: number; patch: Partial<Fields>; before: Partial<Fields> } | null;
  scale: { from: string | null; to: ScaleStatus } | null;
}

const textOrNull = (v: unknown) => {
  const t = cellText(v as string | number | null).trim();
  return t === '' ? null : t;
};

function stripSuffix(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/(街道办事处|街道|镇|乡|县)$/, '')
    .replace(/^县/, '');
}

function findUnitByName(units: OrgUnitRow[], name: string): OrgUnitRow[] {
  const exact = units.filter((u) => u.name === name);
  if (exact.length) return exact;
  const key = stripSuffix(name);
  return units.filter((u) => stripSuffix(u.name) === key);
}

export const enterpriseImport: ImportKind = {
  kind: 'enterprises',
  label: '企业名单',
  fields: FIELDS,
  sources: null,
  wide: false,
  unitFamily: () => null,

  async assertAllowed(db, ctx) {
    if (!ctx.actor) return; // the command line runs as the system
    if (!ctx.permissions.has('enterprise:write')) {
      await recordAudit(db, ctx, {
        action: 'access.denied',
        entityType: 'import',
        after: { permission: 'enterprise:write', kind: 'enterprises' },
      });
      throw forbidden('没有导入企业名单的权限');
    }
  },

  parseRow(row) {
    const problems: Problem[] = [];
    const cols: Record<string, string> = {};
    for (const [k, c] of Object.entries(row.cells)) if (c) cols[k] = c.column;
    const col = (k: string) => cols[k] ?? FIELDS.find((f) => f.key === k)?.label ?? k;
    const v = (k: string) => row.cells[k]?.value ?? null;
    const creditCode = normalizeCreditCode(cellText(v('creditCode')));
    if (!creditCode) {
      problems.push({ row: row.row, column: col('creditCode'), message: '请填写统一社会信用代码' });
      return { records: [], problems };
    }
    const check = checkCreditCode(creditCode);
    if (!check.ok && check.problem !== 'checksum') {
      problems.push({
        row: row.row,
        column: col('creditCode'),
        message: CREDIT_CODE_MESSAGES[check.problem!],
      });
    }
    const legalText = textOrNull(v('legalForm'))?.replace(/\s+/g, '') ?? null;
    const legalForm = legalText === null ? null : (LEGAL_FORM_WORDS[legalText] ?? null);
    if (legalText !== null && legalForm === null) {
      problems.push({
        row: row.row,
        column: col('legalForm'),
        message: `法人类型应为企业法人、个体工商户或其他：${legalText}`,
      });
    }
    const date = (k: 'productionStartedOn' | 'foundedOn') => {
      const d = parseDate(v(k));
      if (d && !d.ok) problems.push({ row: row.row, column: col(k), message: d.message });
      return d?.ok ? d.value : null;
    };
    const productionStartedOn = date('productionStartedOn');
    const foundedOn = date('foundedOn');
    const scaleText = textOrNull(v('scale'));
    const yes = parseYesNo(v('scale'));
    if (yes === 'invalid') {
      problems.push({
        row: row.row,
        column: col('scale'),
        message: `规模状态应为规上或规下（是或否）：${scaleText}`,
      });
    }
    const industry = textOrNull(v('industryCode'));
    const record: EnterpriseRecord = {
      row: row.row,
      column: col('creditCode'),
      creditCode,
      cols,
      values: {
        name: textOrNull(v('name')),
        legalForm,
        industryCode: industry === null ? null : normalizeIndustryCode(industry),
        township: textOrNull(v('township')),
        supervising: textOrNull(v('supervising')),
        productionStartedOn,
        foundedOn,
        scaleStatus: yes === true ? 'above' : yes === false ? 'below' : null,
        address: textOrNull(v('address')),
        contactName: textOrNull(v('contactName')),
        contactPhone: textOrNull(v('contactPhone')),
      },
    };
    return { records: problems.length ? [] : [record], problems };
  },

  async plan(db, ctx, input) {
    const records = input as EnterpriseRecord[];
    const problems: Problem[] = [];
    const changes: EnterpriseChange[] = [];
    const codes = [...new Set(records.map((r) => r.creditCode))];
    const inScope = new Map((await findFirmsByCodes(db, ctx.scope, codes)).map((f) => [f.creditCode, f]));
    const registered = await registeredCodes(db, codes);
    const units = await listUnitsUnder(db, workingRootPath(ctx));
    const townships = units.filter((u) => u.kind === 'township');
    const supervisors = units.filter((u) => SUPERVISING_KINDS.includes(u.kind as UnitKind));
    const byId = new Map(units.map((u) => [u.id, u]));
    const rule = await getSupervisingRule(db);
    const seen = new Map<string, number>();

    for (const r of records) {
      const col = (k: string) => r.cols[k] ?? FIELDS.find((f) => f.key === k)?.label ?? k;
      const rowProblems: Problem[] = [];
      const problem = (k: string, message: string) =>
        rowProblems.push({ row: r.row, column: k ? col(k) : '', message });
      const earlier = seen.get(r.creditCode);
      if (earlier !== undefined) {
        problems.push({
          row: r.row,
          column: col('creditCode'),
          message: `与第 ${earlier} 行的统一社会信用代码重复`,
        });
        continue;
      }
      seen.set(r.creditCode, r.row);
      const existing = inScope.get(r.creditCode) ?? null;
      if (!existing && registered.has(r.creditCode)) {
        problems.push({
          row: r.row,
          column: col('creditCode'),
          message: '该企业已由其他单位登记，不在您的数据范围内',
        });
        continue;
      }
      const v = r.values;

      let township: OrgUnitRow | null = existing ? (byId.get(existing.townshipId) ?? null) : null;
      if (v.township) {
        const found = findUnitByName(townships, v.township);
        if (found.length !== 1)
          problem('township', found.length ? `乡镇名称“${v.township}”不唯一` : `未找到乡镇“${v.township}”`);
        else township = found[0]!;
      } else if (!existing) problem('township', '请填写所属乡镇');
      const industryCode = v.industryCode ?? existing?.industryCode ?? null;
      if (!industryCode) problem('industryCode', '请填写行业代码');

      let supervisingId: number | null = existing?.supervisingUnitId ?? null;
      if (v.supervising) {
        const found = findUnitByName(supervisors, v.supervising);
        if (found.length !== 1) {
          problem(
            'supervising',
            found.length ? `主管部门“${v.supervising}”不唯一` : `未找到主管部门“${v.supervising}”`,
          );
        } else supervisingId = found[0]!.id;
      }
      // The one placement rule (domain placeFirm), as the registry form applies it; a new firm without a
      // supervising unit gets the rule's suggestion for a firm outside the zone.
      const placement =
        township && industryCode && rowProblems.length === 0
          ? placeFirm({
              townshipId: township.id,
              supervisingUnitId: supervisingId,
              industryCode,
              inZone: false,
              rule,
              units,
              scope: ctx.scope,
              verb: '导入',
            })
          : null;
      for (const p of placement?.problems ?? [])
        problem(p.path === 'townshipId' ? 'township' : 'supervising', p.message);
      if (rowProblems.length) {
        problems.push(...rowProblems);
        continue;
      }
      const supervising = placement!.supervising!;

      const inZone = supervising.kind === 'zone' ? true : (existing?.inZone ?? false);
      const merged = {
        name: v.name ?? existing?.name,
        legalForm: v.legalForm ?? existing?.legalForm ?? 'enterprise',
        industryCode,
        townshipId: township!.id,
        supervisingUnitId: supervising.id,
        inZone,
        address: v.address ?? existing?.address ?? null,
        foundedOn: v.foundedOn ?? existing?.foundedOn ?? null,
        productionStartedOn: v.productionStartedOn ?? existing?.productionStartedOn ?? null,
        contactName: v.contactName ?? existing?.contactName ?? null,
        contactPhone: v.contactPhone ?? existing?.contactPhone ?? null,
      };
      const parsed = existing
        ? enterpriseUpdateSchema.safeParse(merged)
        : enterpriseCreateSchema.safeParse({
            ...merged,
            creditCode: r.creditCode,
            scaleStatus: v.scaleStatus ?? 'below',
          });
      if (!parsed.success) {
        for (const issue of (parsed.error as z.ZodError).issues) {
          const key = String(issue.path[0] ?? '');
          const field = key === 'townshipId' ? 'township' : key === 'supervisingUnitId' ? 'supervising' : key;
          problem(FIELDS.some((f) => f.key === field) ? field : '', issue.message);
        }
        problems.push(...rowProblems);
        continue;
      }
      const out = parsed.data as typeof merged;
      const fields: Fields = {
        name: out.name!,
        legalForm: out.legalForm,
        industryCode: out.industryCode!,
        countyId: township!.parentId!,
        townshipId: township!.id,
        supervisingUnitId: supervising.id,
        inZone,
        address: out.address,
        foundedOn: out.foundedOn,
        productionStartedOn: out.productionStartedOn,
        contactName: out.contactName,
        contactPhone: out.contactPhone,
        scaleStatus: existing?.scaleStatus ?? v.scaleStatus ?? 'below',
      };
      if (!existing) {
        changes.push({
          row: r.row,
          outcome: 'imported',
          creditCode: r.creditCode,
          create: { ...fields, creditCodeFlagged: false },
          update: null,
          scale: null,
        });
        continue;
      }
      const patch: Partial<Fields> = {};
      const before: Partial<Fields> = {};
      for (const k of Object.keys(fields) as (keyof Fields)[]) {
        if (k === 'scaleStatus') continue;
        if (fields[k] !== existing[k]) {
          (patch as Record<string, unknown>)[k] = fields[k];
          (before as Record<string, unknown>)[k] = existing[k];
        }
      }
      const scale =
        v.scaleStatus && v.scaleStatus !== existing.scaleStatus
          ? { from: existing.scaleStatus, to: v.scaleStatus }
          : null;
      const changed = Object.keys(patch).length > 0 || scale !== null;
      changes.push({
        row: r.row,
        outcome: changed ? 'updated' : 'unchanged',
        creditCode: r.creditCode,
        create: null,
        update: changed ? { id: existing.id, patch, before } : null,
        scale,
      });
    }
    return { problems, changes };
  },

  async apply(tx, ctx, input, batch) {
    const changes = input as EnterpriseChange[];
    const period = chinaPeriod(ctx.now);
    const created: number[] = [];
    const updated: { id: number; before: unknown; after: unknown }[] = [];
    for (const c of changes) {
      if (c.create) {
        const row = await insertEnterprise(tx, {
          ...c.create,
          creditCode: c.creditCode,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        // The batch's import.apply record audits every row.
        await setScaleStatus(
          tx,
          ctx,
          {
            enterpriseId: row.id,
            from: null,
            to: row.scaleStatus as ScaleStatus,
            effectivePeriod: period,
            reason: `导入登记（批次 ${batch.id}）`,
          },
          { audit: false },
        );
        created.push(row.id);
      } else if (c.update) {
        const patch: Partial<Fields> = { ...c.update.patch };
        await updateEnterpriseRow(tx, ctx.scope, c.update.id, { ...patch, updatedAt: ctx.now });
        if (c.scale) {
          patch.scaleStatus = c.scale.to;
          await setScaleStatus(
            tx,
            ctx,
            {
              enterpriseId: c.update.id,
              from: c.scale.from as ScaleStatus,
              to: c.scale.to,
              effectivePeriod: period,
              reason: `导入更新（批次 ${batch.id}）`,
            },
            { audit: false },
          );
        }
        updated.push({
          id: c.update.id,
          before: { ...c.update.before, ...(c.scale ? { scaleStatus: c.scale.from } : {}) },
          after: patch,
        });
      }
    }
    // Enterprise imports are county-sized (thousands of rows): the audit keeps every before and after.
    return { created, updated };
  },

  template: { sheetName: '企业名单', title: ({ county }) => `${county}工业企业名单`, unitNote: null },
};
