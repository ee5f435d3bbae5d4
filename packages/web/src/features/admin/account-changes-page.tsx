// 系统管理 · 账号变更确认 (/admin/account-changes): the system administrator's half of the dual control over
// auditor accounts (docs/api.md §Users). The security administrator asked; here the change is confirmed —
// with a temporary password the requester never sees — or rejected with a reason.
import { checkPassword, type Role } from '@shenggui/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { roleLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { cryptoRandom, passwordPolicyHints, temporaryPassword } from '../../lib/security';
import { policyOf, useMe } from '../auth/session';

interface AccountChange {
  id: number;
  kind: string;
  kindLabel: string;
  userId: number | null;
  username: string | null;
  payload: { displayName?: string; roles?: string[] };
  status: 'pending' | 'confirmed' | 'rejected';
  requestedAt: string;
  decidedAt: string | null;
  reason: string | null;
  needsPassword: boolean;
}

const KEY = ['account-changes'] as const;

function useAccountChanges(status: string, page: number) {
  const query = new URLSearchParams({ page: String(page), pageSize: '20', ...(status ? { status } : {}) });
  return useQuery({
    queryKey: [...KEY, status, page],
    queryFn: ({ signal }) =>
      apiRequest<{ items: AccountChange[]; page: number; pageSize: number }>('/account-changes', {
        query,
        signal,
      }),
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
  const [status, setStatus] = useState('pending');
  const [page, setPage] = useState(1);
  const list = useAccountChanges(status, page);
  const [deciding, setDeciding] = useState<{ change: AccountChange; action: 'confirm' | 'reject' } | null>(
    null,
  );
  const statusColor = { pending: 'orange', confirmed: 'green', rejected: 'default' } as const;
  return (
    <>
      <PageHeader title={t('menu.admin.accountChanges')} subtitle={t('accountChange.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space>
          {t('accountChange.status')}
          <Select
            value={status}
            style={{ width: 140 }}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'pending', label: t('accountChange.status.pending') },
              { value: 'confirmed', label: t('accountChange.status.confirmed') },
              { value: 'rejected', label: t('accountChange.status.rejected') },
              { value: '', label: t('accountChange.status.all') },
            ]}
          />
        </Space>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<AccountChange>
          rowKey="id"
          data-testid="account-changes-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            // The list answers a page without a total: offer the next page while this one is full.
            total:
              (page - 1) * 20 +
              (list.data?.items.length ?? 0) +
              ((list.data?.items.length ?? 0) === 20 ? 1 : 0),
            onChange: setPage,
          }}
          columns={[
            { title: t('accountChange.kind'), dataIndex: 'kindLabel' },
            {
              title: t('accountChange.user'),
              render: (_, c) => `${c.username ?? ''} ${c.payload.displayName ?? ''}`,
            },
            {
              title: t('accountChange.roles'),
              render: (_, c) => (c.payload.roles ?? []).map((r) => roleLabel(lang, r as Role)).join('、'),
            },
            {
              title: t('accountChange.requestedAt'),
              render: (_, c) => formatDateTime(c.requestedAt),
            },
            {
              title: t('accountChange.status'),
              render: (_, c) => (
                <Tag color={statusColor[c.status]}>
                  {t(`accountChange.status.${c.status}`)}
                  {c.reason ? `：${c.reason}` : ''}
                </Tag>
              ),
            },
            {
              title: t('accountChange.actions'),
              render: (_, c) =>
                c.status === 'pending' ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDeciding({ change: c, action: 'confirm' })}
                    >
                      {t('accountChange.confirm')}
                    </Button>
                    <Button size="small" danger onClick={() => setDeciding({ change: c, action: 'reject' })}>
                      {t('accountChange.reject')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <DecideModal
        change={deciding?.change ?? null}
        action={deciding?.action ?? 'confirm'}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
