// `shenggui user create` and `user reset-password`: the password is read from standard input.
import { createInterface } from 'node:readline/promises';
import { ROLES, type Role } from '@shenggui/domain';
import { createUser, resetPasswordFromConsole } from '../../modules/auth/auth.service.js';
import { findUnitByCode } from '../../modules/org/org.repository.js';
import { AppError } from '../../platform/errors.js';
import type { Commands } from '../command.js';

export const userCommands: Commands = {
  'user create': async ({ db, ctx, values, out }) => {
    const username = String(values.username ?? '');
    const role = String(values.role ?? '') as Role;
    if (!username) throw new AppError('VALIDATION', '请用 --username 指定用户名');
    if (!ROLES.includes(role)) throw new AppError('VALIDATION', `角色应为：${ROLES.join(' | ')}`);
    const unit = await findUnitByCode(db, String(values.unit ?? ''));
    if (!unit)
      throw new AppError('VALIDATION', `单位代码不存在：${values.unit ?? ''}（先运行 shenggui init）`);
    const password = await readPassword();
    if (password.length < 8) throw new AppError('VALIDATION', '密码至少8位');
    const user = await createUser(db, ctx, {
      username,
      displayName: String(values['display-name'] ?? username),
      password,
      unitId: unit.id,
      roles: [role],
      mustChangePassword: true,
    });
    out(
      { id: user.id, username: user.username, unit: unit.code, roles: user.roles },
      () => `已创建用户 ${user.username}（${unit.name}）`,
    );
    return 0;
  },

  'user reset-password': async ({ db, ctx, values, out }) => {
    const username = String(values.username ?? '');
    if (!username) throw new AppError('VALIDATION', '请用 --username 指定用户名');
    const password = await readPassword();
    const user = await resetPasswordFromConsole(db, ctx, username, password);
    out({ id: user.id, username: user.username }, () => `已重置 ${user.username} 的密码（下次登录须修改）`);
    return 0;
  },
};

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    if (process.stdin.isTTY) process.stderr.write('密码：');
    for await (const line of rl) return line.trim();
    return '';
  } finally {
    rl.close();
  }
}
