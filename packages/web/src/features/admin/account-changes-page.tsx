// 系统管理 · 账号变更确认 (/admin/account-changes): the system administrator's half of the dual control over
// auditor accounts (docs/api.md §Users). The security administrator asked; here the change is confirmed —
// with a temporary password the requester never sees — or rejected with a reason.
import {
  type AccountChangeView as AccountChange,
  checkPassword,
  pageQuery,
  type Role,
} from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Space, type TableProps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { apiRequest } from '../../api/client';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { roleLabel } from '../../app/labels';
import { defineListQuery, FilterBar, FilterSelect, ListTable, useListQuery } from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { cryptoRandom, passwordPolicyHints, temporaryPassword } from '../../lib/security';
import { policyOf, useMe } from '../auth/session';

const KEY = ['account-changes'] as const;

const STATUSES = ['pending', 'confirmed', 'rejected', 'all'] as const;
type StatusFilter = (typeof STATUSES)[number];

/** `?status=` (none: the pending ones, what the page is for; `all`: every status) and paging. */
const accountChangeQuery = defineListQuery({
  schema: pageQuery.extend({ status: z.enum(STATUSES).optional() }),
  toApi: ({ status }) => ({ status: status === 'all' ? undefined : (status ?? 'pending') }),
});

function useAccountChanges(query: URLSearchParams) {
  return useQuery({
    queryKey: [...KEY, query.toString()],
    queryFn: async ({ signal }) => {
      const page = await apiRequest<{ items: AccountChange[]; page: number; pageSize: number }>(
        '/account-changes',
        { query, signal },
      );
      // The list answers a page without a total: offer the next page while this one is full.
      const before = (page.page - 1) * page.pageSize;
      return { ...page, total: before + page.items.length + (page.items.length === page.pageSize ? 1 : 0) };
    },
    placeholderData: keepPreviousData,
  });
}

function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'confirm' | 'reject'; body: object }) =>
      apiRequest<AccountChange>(`/account-changes/${id}/${action}`, { method: 'POST', body }),
    meta: { handlesErrors: true },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: KEY });
      queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

function DecideModal({
  change,
  action,
  onClose,
}: {
  change: AccountChange | null;
  action: 'confirm' | 'reject';
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const policy = policyOf(me);
  const [form] = Form.useForm<{ password?: string; reason?: string }>();
  const decide = useDecide();
  useEffect(() => {
    if (change?.needsPassword && action === 'confirm')
      form.setFieldsValue({ password: temporaryPassword(policy, cryptoRandom) });
  }, [change, action, form, policy]);
  const submit = () => {
    if (!change) return;
    const v = form.getFieldsValue();
    if (action === 'confirm' && change.needsPassword) {
      const problems = v.password
        ? checkPassword(v.password, change.username ?? '', policy)
        : [t('user.passwordRequired')];
      if (problems.length > 0) return form.setFields([{ name: 'password', errors: problems }]);
    }
    const body =
      action === 'confirm' ? (change.needsPassword ? { password: v.password } : {}) : { reason: v.reason };
    decide.mutate(
      { id: change.id, action, body },
      {
        onSuccess: () => {
          message.success(t(action === 'confirm' ? 'accountChange.confirmed' : 'accountChange.rejected'));
          onClose();
        },
        onError: (error) => applyServerError(form, error, ['password', 'reason']),
      },
    );
  };
  return (
    <Modal
      open={change !== null}
      title={change ? `${change.kindLabel}：${change.username ?? ''}` : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t(action === 'confirm' ? 'accountChange.confirm' : 'accountChange.reject')}
      okButtonProps={{
        loading: decide.isPending,
        danger: action === 'reject',
        'data-testid': 'account-change-submit',
      }}
      cancelText={t('action.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {action === 'confirm' && change?.needsPassword && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('accountChange.passwordExplain')}
              style={{ marginBottom: 16 }}
            />
            <Form.Item
              label={t('user.tempPassword')}
              extra={passwordPolicyHints(policy, lang).join(lang === 'zh' ? '；' : '; ')}
            >
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="password" noStyle>
                  <Input autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
                <Button
                  onClick={() => form.setFieldsValue({ password: temporaryPassword(policy, cryptoRandom) })}
                >
                  {t('user.generate')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item name="reason" label={t('accountChange.reason')} required>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function AccountChangesPage() {
  const { t, lang } = useI18n();
  const query = useListQuery(accountChangeQuery);
  const list = useAccountChanges(query.apiQuery);
  const [deciding, setDeciding] = useState<{ change: AccountChange; action: 'confirm' | 'reject' } | null>(
    null,
  );
  const statusColor = { pending: 'orange', confirmed: 'green', rejected: 'default' } as const;
  const statusOptions = STATUSES.map((s) => ({ value: s, label: t(`accountChange.status.${s}`) }));
  const columns: TableProps<AccountChange>['columns'] = [
    { title: t('accountChange.kind'), dataIndex: 'kindLabel', key: 'kind', width: 160 },
    {
      title: t('accountChange.user'),
      key: 'user',
      width: 200,
      render: (_, c) => `${c.username ?? ''} ${c.payload.displayName ?? ''}`,
    },
    {
      title: t('accountChange.roles'),
      key: 'roles',
      width: 200,
      render: (_, c) => (c.payload.roles ?? []).map((r) => roleLabel(lang, r as Role)).join('、'),
    },
    {
      title: t('accountChange.requestedAt'),
      key: 'requestedAt',
      width: 170,
      render: (_, c) => new Date(c.requestedAt).toLocaleString(),
    },
    {
      title: t('accountChange.status'),
      key: 'status',
      width: 200,
      render: (_, c) => (
        <Tag color={statusColor[c.status]}>
          {t(`accountChange.status.${c.status}`)}
          {c.reason ? `：${c.reason}` : ''}
        </Tag>
      ),
    },
    {
      title: t('accountChange.actions'),
      key: 'actions',
      width: 160,
      render: (_, c) =>
        c.status === 'pending' ? (
          <Space>
            <Button size="small" type="primary" onClick={() => setDeciding({ change: c, action: 'confirm' })}>
              {t('accountChange.confirm')}
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ change: c, action: 'reject' })}>
              {t('accountChange.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t('menu.admin.accountChanges')} subtitle={t('accountChange.subtitle')} />
      <FilterBar<{ status: StatusFilter }>
        values={{ status: query.state.status ?? 'pending' }}
        onSubmit={(v) => query.setFilters({ status: v.status === 'pending' ? undefined : v.status })}
        onReset={query.reset}
        testId="account-changes-filter"
      >
        <FilterSelect
          name="status"
          label={t('accountChange.status')}
          options={statusOptions}
          clearable={false}
          testId="account-changes-status"
        />
      </FilterBar>
      <ListTable<AccountChange>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="account-changes-table"
        totalText={(total) => t('accountChange.total', { total: list.data?.items.length ?? total })}
        empty={<Empty description={t('accountChange.empty')} />}
        emptyFiltered={t('accountChange.emptyFiltered')}
        filterLabels={{
          status: {
            label: t('accountChange.status'),
            value: (v) => t(`accountChange.status.${v as StatusFilter}`),
          },
        }}
      />
      <DecideModal
        change={deciding?.change ?? null}
        action={deciding?.action ?? 'confirm'}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
