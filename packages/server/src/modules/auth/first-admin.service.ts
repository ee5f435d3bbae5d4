// No default credentials outside demo mode: the first run without demo data asks for the first
// (security) administrator, who then creates the other accounts. Refused once any user exists.
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findUnitByCode } from '../org/org.repository.js';
import { getCountyCode } from '../settings/settings.service.js';
import { createUser } from './auth.service.js';
import { countUsers } from './user.repository.js';

export async function needsFirstAdministrator(db: Db): Promise<boolean> {
  return (await getCountyCode(db)) !== null && (await countUsers(db)) === 0;
}

export async function createFirstAdministrator(
  db: Db,
  ctx: RequestContext,
  input: { username: string; displayName: string; password: string },
): Promise<void> {
  const county = await getCountyCode(db);
  if (!county)
    throw new AppError('CONFLICT', '系统尚未初始化，请先运行 npx shenggui init --county <县级区划代码>');
  if ((await countUsers(db)) > 0) throw new AppError('CONFLICT', '系统已有用户，不能再创建首个管理员');
  const unit = await findUnitByCode(db, `${county}C01`);
  if (!unit) throw new AppError('CONFLICT', '未找到县中小企业发展中心单位');
  await createUser(db, ctx, { ...input, unitId: unit.id, roles: ['secadmin'], mustChangePassword: false });
}
