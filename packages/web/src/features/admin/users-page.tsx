// 系统管理 · 用户管理 (/admin/users): accounts of the county, filters in the URL, paging, export; create,
// edit (roles, unit, 停用), reset a password (the user must change it), unlock.
import {
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { checkPassword, ROLES, type Role } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Space,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { applyServerError } from '../../api/form-errors';
import type { AdminUser } from '../../api/types';
import type { DictKey } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { roleLabel } from '../../app/labels';
import {
  FilterSelect,
  FilterText,
  ListExportButton,
  ListFilterBar,
  ListTable,
  type ListUrlState,
  optionText,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { userListQuery } from '../../lib/admin-filters';
import { formatDate } from '../../lib/format';
import {
  type AccountStatus,
  accountStatuses,
  cryptoRandom,
  passwordPolicyHints,
  temporaryPassword,
} from '../../lib/security';
import { policyOf, useMe } from '../auth/session';
import { downloadUserExport, isPendingChange, useResetPassword, useUnlockUser, useUsers } from './admin-api';
import { useGroupedUnits } from './unit-options';
import { UserFormDrawer } from './user-form-drawer';

const STATUS_TAGS: Record<AccountStatus, { color: string; key: DictKey }> = {
  active: { color: 'green', key: 'user.status.active' },
  locked: { color: 'red', key: 'user.status.locked' },
  disabled: { color: 'default', key: 'user.status.disabled' },
  mustChange: { color: 'orange', key: 'user.status.mustChange' },
};

function UserFilterBar({ list }: { list: ListUrlState<typeof userListQuery> }) {
  const { t, lang } = useI18n();
  const { grouped, isLoading } = useGroupedUnits(lang);
  return (
    <ListFilterBar list={list} testId="user-filter-form" submitTestId="user-filter-submit">
      <FilterText
        name="q"
        label={t('filter.keyword')}
        maxLength={64}
        placeholder={t('user.keywordPlaceholder')}
        testId="user-filter-q"
      />
      <FilterSelect
        name="unitId"
        label={t('home.unit')}
        options={grouped}
        loading={isLoading}
        search
        testId="user-filter-unit"
      />
      <FilterSelect
        name="role"
        label={t('home.roles')}
        options={ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
        testId="user-filter-role"
      />
      <FilterSelect
        name="status"
        label={t('user.status')}
        options={userStatusOptions(t)}
        testId="user-filter-status"
      />
    </ListFilterBar>
  );
}

function userStatusOptions(t: (key: DictKey) => string) {
  return [
    { value: 'active', label: t('user.filter.active') },
    { value: 'disabled', label: t('user.status.disabled') },
  ];
}

function ResetPasswordModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const policy = policyOf(me);
  const [form] = Form.useForm<{ password?: string }>();
  const reset = useResetPassword();
  useEffect(() => {
    if (user) form.setFieldsValue({ password: temporaryPassword(policy, cryptoRandom) });
  }, [user, form, policy]);

  const submit = () => {
    if (!user) return;
    const password = (form.getFieldValue('password') as string | undefined) ?? '';
    const problems = password ? checkPassword(password, user.username, policy) : [t('user.passwordRequired')];
    if (problems.length > 0) {
      form.setFields([{ name: 'password', errors: problems }]);
      return;
    }
    reset.mutate(
      { id: user.id, password },
      {
        onSuccess: (r) => {
          if (isPendingChange(r)) message.info(t('user.pendingConfirm', { kind: r.pending.kindLabel }));
          else message.success(t('user.resetDone', { name: user.displayName }));
          onClose();
        },
        onError: (error) => applyServerError(form, error, ['password']),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('user.resetTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('user.resetOk')}
      okButtonProps={{ loading: reset.isPending, danger: true, 'data-testid': 'user-reset-submit' }}
      cancelText={t('action.cancel')}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('user.resetExplain')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('user.tempPassword')}
          extra={passwordPolicyHints(policy, lang).join(lang === 'zh' ? '；' : '; ')}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle>
              <Input
                autoComplete="off"
                spellCheck={false}
                style={{ fontFamily: 'monospace' }}
                data-testid="user-reset-password"
              />
            </Form.Item>
            <Button
              onClick={() => form.setFieldsValue({ password: temporaryPassword(policy, cryptoRandom) })}
            >
              {t('user.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const query = useListQuery(userListQuery);
  const list = useUsers(query.apiQuery);
  const unlock = useUnlockUser();
  const { grouped } = useGroupedUnits(lang);
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  const confirmUnlock = (u: AdminUser) =>
    modal.confirm({
      title: t('user.unlockTitle', { name: u.displayName }),
      content: t('user.unlockContent'),
      okText: t('user.unlock'),
      cancelText: t('action.cancel'),
      onOk: () =>
        unlock.mutateAsync(u.id).then(() => {
          message.success(t('user.unlocked', { name: u.displayName }));
        }),
    });

  const columns: TableProps<AdminUser>['columns'] = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      width: 120,
      fixed: 'left',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 150 },
    { title: t('home.unit'), key: 'unit', width: 150, render: (_, u) => u.unit.name },
    {
      title: t('home.roles'),
      dataIndex: 'roles',
      width: 170,
      render: (roles: AdminUser['roles']) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={['sysadmin', 'secadmin', 'auditor'].includes(r) ? 'geekblue' : undefined}>
              {roleLabel(lang, r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('user.status'),
      key: 'status',
      width: 130,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {accountStatuses(u).map((s) => (
            <Tag key={s} color={STATUS_TAGS[s].color} data-testid={`user-status-${s}`}>
              {t(STATUS_TAGS[s].key)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('user.totp'),
      dataIndex: 'totpEnabled',
      width: 90,
      render: (on: boolean) =>
        on ? (
          <Tag color="green" icon={<SafetyCertificateOutlined />}>
            {t('user.totpOn')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('user.totpOff')}</Typography.Text>
        ),
    },
    { title: t('user.createdAt'), dataIndex: 'createdAt', width: 100, render: (v: string) => formatDate(v) },
    {
      title: t('user.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(u)}
            data-testid="user-edit"
          >
            {t('action.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setResetting(u)}
            data-testid="user-reset"
          >
            {t('user.reset')}
          </Button>
          {u.locked && (
            <Button
              type="link"
              size="small"
              icon={<UnlockOutlined />}
              onClick={() => confirmUnlock(u)}
              data-testid="user-unlock"
            >
              {t('user.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const empty = (
    <Empty description={t('user.empty')}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
        {t('user.create')}
      </Button>
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('menu.admin.users')}
        subtitle={list.data ? t('user.summary', { total: list.data.total }) : t('user.subtitle')}
        actions={
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
            <Tooltip title={t('user.exportHint')}>
              <span>
                <ListExportButton
                  list={query}
                  download={downloadUserExport}
                  total={list.data?.total}
                  testId="user-export"
                />
              </span>
            </Tooltip>
          </>
        }
      />
      <UserFilterBar list={query} />
      <ListTable<AdminUser>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="users-table"
        scrollX={1110}
        totalText={(total) => t('user.total', { total })}
        empty={empty}
        emptyFiltered={t('user.emptyFiltered')}
        filterLabels={{
          q: { label: t('filter.keyword') },
          unitId: {
            label: t('home.unit'),
            value: optionText(grouped.flatMap((g) => g.options)),
          },
          role: { label: t('home.roles'), value: (v) => roleLabel(lang, v as Role) },
          status: { label: t('user.status'), value: optionText(userStatusOptions(t)) },
        }}
      />
      <UserFormDrawer
        open={editing !== undefined}
        user={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
