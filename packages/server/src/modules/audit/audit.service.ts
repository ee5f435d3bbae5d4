import { type AuditItem, chinaDate, type Paged } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type VerifyResult, verifyAuditChain } from '../../platform/audit.js';
import {
  type AuditCheckpoint,
  CheckpointInvalidError,
  checkpointAfterPurge,
  readCheckpoint,
  writeFileAtomic,
} from '../../platform/audit-checkpoint.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { workingRootPath } from '../org/org.service.js';
import { type AuditFilter, countAudit, deleteAuditBefore, searchAudit } from './audit.repository.js';

/** GB/T 22239 asks for at least six months of audit records: nothing younger is ever purged. */
export const AUDIT_RETENTION_DAYS = 180;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.login.locked': '锁定期间尝试登录',
  'auth.login.disabled': '停用账号尝试登录',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'auth.totp.failed': '动态口令错误',
  'auth.totp.enrol': '生成动态口令密钥',
  'auth.totp.enable': '启用双因素认证',
  'auth.password.change': '修改密码',
  'auth.password.failed': '修改密码失败',
  'auth.sessions.revoke': '退出所有设备',
  'access.denied': '越权访问被拒绝',
  'access.out_of_scope': '访问范围外数据被拒绝',
  'request.raise': '提出诉求',
  // --- audit labels: service requests ---
  'request.route': '分派诉求',
  'request.accept': '受理诉求',
  'request.reply': '答复诉求进展',
  'request.resolve': '办结诉求',
  'request.return': '退回诉求',
  'request.unsolvable': '认定诉求无法解决',
  'request.evaluate': '记录诉求评价',

  // --- audit labels: visits and leads ---
  'lead.assign': '指定包联',
  'visit.record': '登记走访',
  'visit.void': '作废走访',
  'visit.file': '上传走访附件',

  // --- audit labels: help plans and supervision ---
  'help_plan.create': '制定稳规帮扶方案',
  'help_plan.update': '修改稳规帮扶方案',
  'help_plan.review': '记录帮扶复查',
  'help_plan.close': '结束稳规帮扶方案',
  'supervision.create': '记录督导',
  'supervision.item_close': '整改事项办结',
  'supervision.close': '确认督导办结',
  'supervision.file': '上传督导材料',

  // --- audit labels: training and coverage ---
  'training.create': '登记培训宣讲',
  'training.update': '修改培训宣讲',
  'training.void': '作废培训宣讲',
  'training.attendance.add': '登记签到',
  'training.attendance.delete': '删除签到记录',
  'training.attendance.import': '导入签到表',
  'training.file': '上传培训材料',

  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.password.reset': '重置密码',
  'user.unlock': '解除锁定',
  'user.totp.reset': '重置动态口令',
  'library.recompute': '重算培育库',
  'library.membership.add': '人工纳入库',
  'library.membership.remove': '人工移出库',
  'library.membership.reset': '恢复按规则认定',
  'library.pathway.set': '指定升规路径',
  'enterprise.operating_status.set': '登记生产经营状态',
  'directory.entry': '记录入库',
  'directory.exit': '记录退库',
  'directory.void': '作废入退库记录',
  'directory.import': '导入入退库记录',
  'declaration.create': '发起入库申报',
  'declaration.township_review': '入库申报提交审核',
  'declaration.centre_review': '入库申报乡镇/部门审核通过',
  'declaration.submitted': '入库申报中心审核通过（报统计局）',
  'declaration.entered': '入库申报登记已入库',
  'declaration.returned': '退回入库申报',
  'declaration.preparing': '入库申报重新准备材料',
  'declaration.entry_refused': '入库申报登记入库未成功',
  'declaration.material': '上传申报材料',
  'declaration.photo': '上传检查照片',
  'declaration.inspection': '记录实地踏勘/资料审核',
  'declaration.calendar': '修改入库申报日历',
  'declaration.withdrawn': '撤回入库申报',
  'declaration.convert': '月度入库申报转为年度入库',
  'declaration.override': '入库申报核对例外处理',
  'declaration.inspection_unit': '指派申报检查单位',
  'notice.issue': '印发进度通报',
  'org.unit.create': '新增单位',
  'org.unit.update': '修改单位',
  'settings.update': '修改设置',
  'enterprise.create': '登记企业',
  'enterprise.update': '修改企业',
  'enterprise.scale.change': '变更规模状态',
  'revenue.create': '录入月度数据',
  'revenue.correct': '更正月度数据',
  'target.set': '设置目标任务',
  'import.apply': '导入数据',
  'audit.purge': '清理过期审计记录',
  'user.pending.request': '申请审计管理员账号变更',
  'user.pending.confirm': '确认审计管理员账号变更',
  'user.pending.reject': '驳回审计管理员账号变更',
  'system.restore': '从备份恢复',
};

export async function listAudit(
  db: Db,
  ctx: RequestContext,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<Paged<AuditItem>> {
  const root = workingRootPath(ctx);
  const [rows, total] = await Promise.all([
    searchAudit(db, root, filter, pageSize, (page - 1) * pageSize),
    countAudit(db, root, filter),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.a.id,
      at: r.a.at.toISOString(),
      action: r.a.action,
      actionLabel: AUDIT_ACTION_LABELS[r.a.action] ?? r.a.action,
      actorUsername: r.actorUsername,
      actorName: r.actorName,
      actorUnitName: r.actorUnitName,
      entityType: r.a.entityType,
      entityId: r.a.entityId,
      enterpriseId: r.a.enterpriseId,
      enterpriseName: r.enterpriseName,
      before: r.a.before,
      after: r.a.after,
      requestId: r.a.requestId,
      ip: r.a.ip,
    })),
    total,
    page,
    pageSize,
  };
}

export interface AuditVerifyReport extends VerifyResult {
  /** The checkpoint compared against: null when there is none yet (or none could be read). */
  checkpoint: { at: string; lastId: number | null; count: number; reason: string; file: string } | null;
  /** The checkpoint file exists but its signature does not match: it was altered, or the key changed. */
  checkpointInvalid: boolean;
}

/** Walks the chain and compares it with the signed checkpoint in `checkpointFile` (when given). */
export async function verifyAudit(db: Db, checkpointFile?: string): Promise<AuditVerifyReport> {
  let checkpoint: AuditCheckpoint | null = null;
  let checkpointInvalid = false;
  if (checkpointFile) {
    try {
      checkpoint = readCheckpoint(checkpointFile);
    } catch (e) {
      if (!(e instanceof CheckpointInvalidError)) throw e;
      checkpointInvalid = true;
    }
  }
  const r = await verifyAuditChain(db, { expect: checkpoint });
  return {
    ...r,
    ok: r.ok && !checkpointInvalid,
    checkpoint:
      checkpoint && checkpointFile
        ? {
            at: checkpoint.at,
            lastId: checkpoint.lastId,
            count: checkpoint.count,
            reason: checkpoint.reason,
            file: checkpointFile,
          }
        : null,
    checkpointInvalid,
  };
}

/** One line per finding, for the command line (the web page renders the same fields). */
export function describeVerify(r: AuditVerifyReport): string {
  const lines: string[] = [];
  if (r.ok) {
    lines.push(`OK：审计链完整，共 ${r.count} 条记录（${r.algorithm.toUpperCase()}-HMAC）`);
    lines.push(
      r.checkpoint
        ? `  与检查点一致（${r.checkpoint.at}，截至 #${r.checkpoint.lastId ?? '-'}，${r.checkpoint.count} 条）`
        : '  注意：没有找到审计检查点文件，无法发现对首尾记录的删除',
    );
    return lines.join('\n');
  }
  if (r.checkpointInvalid) lines.push('审计检查点签名不符：检查点文件被改动，或审计密钥与签发时不同');
  if (r.broken)
    lines.push(
      `审计链被破坏：第一条异常记录 #${r.broken.id}（${r.broken.reason === 'link' ? '链接不符，可能有记录被删除或插入' : '内容与签名不符，记录被修改'}），此前 ${r.count} 条完好`,
    );
  const where = { head: '最早的记录', middle: '中间的记录', tail: '最新的记录' } as const;
  for (const m of r.missing)
    lines.push(`缺失${where[m.where]}：编号 #${m.fromId}${m.toId > m.fromId ? ` 至 #${m.toId}` : ''}`);
  if (r.missingCount > 0)
    lines.push(
      `与检查点相比少了 ${r.missingCount} 条记录（检查点 ${r.checkpoint?.at ?? ''} 记有 ${r.checkpoint?.count ?? '?'} 条）`,
    );
  return lines.join('\n');
}

/**
 * The retention purge deletes and records itself in one transaction, then writes its own checkpoint
 * (new head, count less the deleted), so a legitimate purge is never reported as a deletion.
 */
export async function purgeAudit(
  db: Db,
  ctx: RequestContext,
  before: Date,
  checkpointFile?: string,
): Promise<number> {
  const limit = new Date(ctx.now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000);
  if (before > limit) {
    throw new AppError(
      'VALIDATION',
      `审计记录至少保留${AUDIT_RETENTION_DAYS}天：只能清理 ${chinaDate(limit)} 之前的记录`,
      [{ path: 'before', message: `不能晚于 ${chinaDate(limit)}` }],
    );
  }
  // A checkpoint that does not verify is not continued: the purge would hide what it shows.
  const previous = checkpointFile ? readCheckpoint(checkpointFile) : null;
  const { deleted, checkpoint } = await db.transaction(async (tx) => {
    const ids = await deleteAuditBefore(tx, before);
    await recordAudit(tx, ctx, {
      action: 'audit.purge',
      entityType: 'audit_log',
      after: { before: before.toISOString(), deleted: ids.length },
    });
    const next = checkpointFile ? await checkpointAfterPurge(tx, previous, ids, ctx.now) : null;
    return { deleted: ids.length, checkpoint: next };
  });
  if (checkpointFile && checkpoint)
    writeFileAtomic(checkpointFile, `${JSON.stringify(checkpoint, null, 1)}\n`);
  return deleted;
}
