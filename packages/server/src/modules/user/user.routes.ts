import {
  ACCOUNT_CHANGE_KINDS,
  accountChangeConfirmSchema,
  accountChangeRejectSchema,
  ROLES,
  userCreateSchema,
  userUpdateSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import {
  confirmAccountChange,
  listPendingAccountChanges,
  rejectAccountChange,
} from './account-change.service.js';
import {
  type AdminUserView,
  adminCreateUser,
  adminResetPassword,
  adminResetTotp,
  adminUnlockUser,
  adminUpdateUser,
  isPending,
  listUsers,
} from './user.service.js';

const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  roleLabels: z.array(z.string()),
  unit: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  disabled: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const changeSchema = z.object({
  id: z.number(),
  kind: z.enum(ACCOUNT_CHANGE_KINDS),
  kindLabel: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  payload: z.object({
    username: z.string().optional(),
    displayName: z.string().optional(),
    unitId: z.number().optional(),
    roles: z.array(z.string()).optional(),
    disabled: z.boolean().optional(),
  }),
  status: z.string(),
  requestedBy: z.number(),
  requestedAt: z.string(),
  decidedBy: z.number().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  needsPassword: z.boolean(),
});
const pendingSchema = z.object({ pending: changeSchema });

const tags = ['用户管理'];

export function userRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'user:manage' },
        schema: {
          tags,
          summary: '用户列表（安全管理员）',
          querystring: listQuery,
          response: {
            200: z.object({
              items: z.array(userSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listUsers(db, request.ctx, filter, page, pageSize);
      },
    );

    app.get(
      '/users/export',
      {
        config: { access: 'user:manage' },
        schema: { tags, summary: '导出用户列表', querystring: listQuery },
      },
      async (request, reply) => {
        const { page: _p, pageSize: _s, ...filter } = request.query;
        const { items } = await listUsers(db, request.ctx, filter, 1, 10_000);
        const buffer = await buildWorkbook<AdminUserView>(
          '用户',
          [
            { header: '用户名', value: (u) => u.username },
            { header: '姓名', value: (u) => u.displayName },
            { header: '单位', width: 22, value: (u) => u.unit.name },
            { header: '角色', width: 24, value: (u) => u.roleLabels.join('、') },
            { header: '状态', value: (u) => (u.disabled ? '已停用' : u.locked ? '已锁定' : '正常') },
            { header: '双因素认证', value: (u) => (u.totpEnabled ? '已绑定' : '未绑定') },
            { header: '创建时间', width: 22, value: (u) => u.createdAt.slice(0, 10) },
          ],
          items,
        );
        return sendWorkbook(reply, buffer, '用户列表');
      },
    );

    app.post(
      '/users',
      {
        config: { access: 'user:manage' },
        schema: {
          tags,
          summary: '创建用户（首次登录须改密）',
          body: userCreateSchema,
          response: { 201: userSchema, 202: pendingSchema },
        },
      },
      async (request, reply) => {
        const r = await adminCreateUser(db, request.ctx, request.body);
        return reply.status(isPending(r) ? 202 : 201).send(r);
      },
    );

    app.put(
      '/users/:id',
      {
        config: { access: 'user:manage' },
        schema: {
          tags,
          summary: '修改用户（角色、单位、停用）',
          params: idParams,
          body: userUpdateSchema,
          response: { 200: userSchema, 202: pendingSchema },
        },
      },
      async (request, reply) => {
        const r = await adminUpdateUser(db, request.ctx, request.params.id, request.body);
        return reply.status(isPending(r) ? 202 : 200).send(r);
      },
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: { access: 'user:manage' },
        schema: {
          tags,
          summary: '重置密码（下次登录须修改）',
          params: idParams,
          body: z.object({ password: z.string().min(1, '请填写临时密码').max(128) }),
          response: { 200: userSchema, 202: pendingSchema },
        },
      },
      async (request, reply) => {
        const r = await adminResetPassword(db, request.ctx, request.params.id, request.body.password);
        return reply.status(isPending(r) ? 202 : 200).send(r);
      },
    );

    app.post(
      '/users/:id/reset-totp',
      {
        config: { access: 'user:manage' },
        schema: {
          tags,
          summary: '重置动态口令（用户丢失手机时）',
          params: idParams,
          response: { 200: userSchema, 202: pendingSchema },
        },
      },
      async (request, reply) => {
        const r = await adminResetTotp(db, request.ctx, request.params.id);
        return reply.status(isPending(r) ? 202 : 200).send(r);
      },
    );

    app.post(
      '/users/:id/unlock',
      {
        config: { access: 'user:manage' },
        schema: { tags, summary: '解除锁定', params: idParams, response: { 200: userSchema } },
      },
      async (request) => adminUnlockUser(db, request.ctx, request.params.id),
    );

    app.get(
      '/account-changes',
      {
        config: { access: 'account:confirm' },
        schema: {
          tags,
          summary: '待确认的审计管理员账号变更（系统管理员）',
          querystring: z.object({
            status: z.enum(['pending', 'confirmed', 'rejected']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: {
            200: z.object({ items: z.array(changeSchema), page: z.number(), pageSize: z.number() }),
          },
        },
      },
      async (request) => listPendingAccountChanges(db, request.ctx, request.query),
    );

    app.post(
      '/account-changes/:id/confirm',
      {
        config: { access: 'account:confirm' },
        schema: {
          tags,
          summary: '确认审计管理员账号变更并设定临时密码（系统管理员）',
          params: idParams,
          body: accountChangeConfirmSchema,
          response: { 200: changeSchema },
        },
      },
      async (request) => confirmAccountChange(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/account-changes/:id/reject',
      {
        config: { access: 'account:confirm' },
        schema: {
          tags,
          summary: '驳回审计管理员账号变更（系统管理员）',
          params: idParams,
          body: accountChangeRejectSchema,
          response: { 200: changeSchema },
        },
      },
      async (request) => rejectAccountChange(db, request.ctx, request.params.id, request.body.reason),
    );
  };
}
