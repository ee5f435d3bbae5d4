// Rows name a firm by credit code, else by exact name: one firm per row, or a problem on the
// row saying why not. The same rules as the revenue import, for kinds with one record per row.
import { CREDIT_CODE_MESSAGES, checkCreditCode } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { type EnterpriseRow, findFirmsByCodes, findFirmsByNames } from './import.repository.js';
import type { Problem } from './import-kind.js';
import { CREDIT_CODE_FIELD, NAME_FIELD } from './revenue-import.js';

export interface FirmRef {
  row: number;
  creditCode: string;
  name: string;
}

export async function matchFirms<T extends FirmRef>(
  db: Executor,
  ctx: RequestContext,
  records: T[],
): Promise<{ matched: { r: T; firm: EnterpriseRow }[]; problems: Problem[] }> {
  const codes = [...new Set(records.map((r) => r.creditCode).filter((c) => c !== ''))];
  const names = [...new Set(records.map((r) => r.name).filter((n) => n !== ''))];
  const byCode = new Map((await findFirmsByCodes(db, ctx.scope, codes)).map((f) => [f.creditCode, f]));
  const byName = new Map<string, EnterpriseRow[]>();
  for (const f of await findFirmsByNames(db, ctx.scope, names)) {
    byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  }
  const matched: { r: T; firm: EnterpriseRow }[] = [];
  const problems: Problem[] = [];
  for (const r of records) {
    const byItsCode = r.creditCode ? byCode.get(r.creditCode) : undefined;
    if (byItsCode) {
      matched.push({ r, firm: byItsCode });
      continue;
    }
    const check = r.creditCode ? checkCreditCode(r.creditCode) : null;
    if (check?.ok) {
      problems.push({
        row: r.row,
        column: CREDIT_CODE_FIELD.label,
        message: `未找到统一社会信用代码为 ${r.creditCode} 的企业，或该企业不在您的数据范围内`,
      });
      continue;
    }
    const candidates = r.name ? (byName.get(r.name) ?? []) : [];
    if (candidates.length === 1) matched.push({ r, firm: candidates[0]! });
    else if (candidates.length > 1)
      problems.push({
        row: r.row,
        column: NAME_FIELD.label,
        message: `企业名称“${r.name}”对应多家企业，请填写统一社会信用代码`,
      });
    else if (check?.problem)
      problems.push({
        row: r.row,
        column: CREDIT_CODE_FIELD.label,
        message: CREDIT_CODE_MESSAGES[check.problem],
      });
    else
      problems.push({
        row: r.row,
        column: NAME_FIELD.label,
        message: `未找到名称为“${r.name}”的企业，或该企业不在您的数据范围内`,
      });
  }
  return { matched, problems };
}
