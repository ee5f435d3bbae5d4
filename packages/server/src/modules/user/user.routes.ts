import {
  type AdminUserView,
  accountChangeConfirmSchema,
  accountChangeListQuerySchema,
  accountChangeListSchema,
  accountChangeRejectSchema,
  accountChangeSchema,
  adminUserPageSchema,
  adminUserSchema,
  idParams,
  passwordResetSchema,
  pendingAccountChangeSchema,
  userCreateSchema,
  userListQuerySchema,
  userUpdateSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import {
  confirmAccountChange,
  listPendingAccountChanges,
  rejectAccountChange,
} from './account-change.service.js';
import {
  adminCreateUser,
  adminResetPassword,
  adminResetTotp,
  adminUnlockUser,
  adminUpdateUser,
  isPending,
  listUsers,
} from './user.service.js';

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
          querystring: userListQuerySchema,
          response: { 200: adminUserPageSchema },
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
        schema: { tags, summary: '导出用户列表', querystring: userListQuerySchema },
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
          response: { 201: adminUserSchema, 202: pendingAccountChangeSchema },
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
          response: { 200: adminUserSchema, 202: pendingAccountChangeSchema },
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
          body: passwordResetSchema,
          response: { 200: adminUserSchema, 202: pendingAccountChangeSchema },
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
          response: { 200: adminUserSchema, 202: pendingAccountChangeSchema },
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
        schema: { tags, summary: '解除锁定', params: idParams, response: { 200: adminUserSchema } },
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
          querystring: accountChangeListQuerySchema,
          response: { 200: accountChangeListSchema },
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
          response: { 200: accountChangeSchema },
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
          response: { 200: accountChangeSchema },
        },
      },
      async (request) => rejectAccountChange(db, request.ctx, request.params.id, request.body.reason),
    );
  };
}
