// 新增用户 / 编辑用户. Role rules (三权分立, roles fitting the unit) are checked with the domain's
// checkRoleAssignment while the form is filled in, and again by the server.
import {
  checkPassword,
  checkRoleAssignment,
  ROLES,
  type Role,
  userCreateSchema,
  userUpdateSchema,
} from '@shenggui/domain';
import { Alert, App, Button, Drawer, Form, Grid, Input, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { AdminUser } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { roleLabel } from '../../app/labels';
import { cryptoRandom, passwordPolicyHints, temporaryPassword } from '../../lib/security';
import { policyOf, useMe } from '../auth/session';
import { isPendingChange, useCreateUser, useUpdateUser } from './admin-api';
import { useGroupedUnits } from './unit-options';

interface Values {
  username?: string;
  displayName?: string;
  unitId?: number;
  roles?: Role[];
  password?: string;
  disabled?: boolean;
}

const FIELDS = ['username', 'displayName', 'unitId', 'roles', 'password', 'disabled'] as const;

interface Props {
  open: boolean;
  /** null to create. */
  user: AdminUser | null;
  onClose: () => void;
}

export function UserFormDrawer({ open, user, onClose }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const policy = policyOf(me);
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const creating = user === null;
  const create = useCreateUser();
  const update = useUpdateUser();
  const { grouped, byId, isLoading } = useGroupedUnits(lang, open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { displayName: user.displayName, unitId: user.unit.id, roles: user.roles, disabled: user.disabled }
        : { roles: [], disabled: false },
    );
  }, [open, user, form]);

  const unitId = Form.useWatch('unitId', form);
  const roles = Form.useWatch('roles', form);
  const unitKind = unitId ? byId.get(unitId)?.kind : undefined;
  const roleProblems = useMemo(
    () => (unitKind && roles && roles.length > 0 ? checkRoleAssignment(roles, unitKind) : []),
    [roles, unitKind],
  );

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    if (roleProblems.length > 0) {
      form.setFields([{ name: 'roles', errors: roleProblems }]);
      return;
    }
    if (creating) {
      const parsed = userCreateSchema.safeParse({
        username: v.username ?? '',
        displayName: v.displayName ?? '',
        unitId: v.unitId,
        roles: v.roles ?? [],
        password: v.password ?? '',
      });
      if (!parsed.success) {
        applyZodErrors(form, parsed.error, FIELDS);
        return;
      }
      const problems = checkPassword(parsed.data.password, parsed.data.username, policy);
      if (problems.length > 0) {
        form.setFields([{ name: 'password', errors: problems }]);
        return;
      }
      create.mutate(parsed.data, {
        onSuccess: (u) => {
          if (isPendingChange(u)) message.info(t('user.pendingConfirm', { kind: u.pending.kindLabel }));
          else message.success(t('user.created', { name: u.displayName }));
          onClose();
        },
        onError: (error) => applyServerError(form, error, FIELDS),
      });
      return;
    }
    const parsed = userUpdateSchema.safeParse({
      displayName: v.displayName ?? '',
      unitId: v.unitId,
      roles: v.roles ?? [],
      disabled: v.disabled === true,
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    update.mutate(
      { id: user.id, body: parsed.data },
      {
        onSuccess: (u) => {
          if (isPendingChange(u)) message.info(t('user.pendingConfirm', { kind: u.pending.kindLabel }));
          else message.success(t('user.saved', { name: u.displayName }));
          onClose();
        },
        onError: (error) => applyServerError(form, error, FIELDS),
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={creating ? t('user.create') : t('user.editTitle', { name: user.displayName })}
      size={screens.md ? 520 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button
            type="primary"
            onClick={submit}
            loading={create.isPending || update.isPending}
            data-testid="user-form-submit"
          >
            {t('action.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        {creating ? (
          <Form.Item name="username" label={t('user.username')} required extra={t('user.usernameHint')}>
            <Input maxLength={32} autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        ) : (
          <Form.Item label={t('user.username')}>
            <Typography.Text code>{user.username}</Typography.Text>
            <Typography.Text type="secondary"> {t('user.usernameFixed')}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} required>
          <Input maxLength={50} data-testid="user-form-name" />
        </Form.Item>
        <Form.Item name="unitId" label={t('home.unit')} required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={grouped}
            loading={isLoading}
            placeholder={t('user.unitPlaceholder')}
            data-testid="user-form-unit"
          />
        </Form.Item>
        <Form.Item name="roles" label={t('home.roles')} required extra={t('user.rolesHint')}>
          <Select
            mode="multiple"
            options={ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
            placeholder={t('user.rolesPlaceholder')}
            data-testid="user-form-roles"
          />
        </Form.Item>
        {roleProblems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('user.roleProblems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {roleProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
            data-testid="user-role-problems"
          />
        )}
        {creating ? (
          <Form.Item
            label={t('user.initialPassword')}
            required
            extra={`${passwordPolicyHints(policy, lang).join(lang === 'zh' ? '；' : '; ')}。${t('user.initialPasswordHint')}`}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle>
                {/* Shown in clear: the administrator hands it to the user, who must change it. */}
                <Input
                  autoComplete="off"
                  spellCheck={false}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="user-form-password"
                />
              </Form.Item>
              <Button
                onClick={() => {
                  const pw = temporaryPassword(policy, cryptoRandom);
                  form.setFieldValue('password', pw);
                  form.setFields([{ name: 'password', errors: [] }]);
                }}
              >
                {t('user.generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        ) : (
          <Form.Item
            name="disabled"
            label={t('user.disabled')}
            valuePropName="checked"
            extra={t('user.disabledHint')}
          >
            <Switch data-testid="user-form-disabled" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
