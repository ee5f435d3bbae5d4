// 个人中心 (/profile): who I am, my password, my second factor, and where I am signed in — with
// 退出所有设备 for a lost phone or a shared computer.
import { LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { roleLabel, unitKindLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { describeUserAgent } from '../../lib/security';
import { useForgetSession, useMe } from '../auth/session';
import { useRevokeAllSessions, useSessions } from './account-api';
import { ChangePasswordForm } from './change-password-form';
import { TotpEnrol } from './totp-enrol';

function SessionsCard() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const sessions = useSessions();
  const revoke = useRevokeAllSessions();
  const forget = useForgetSession();
  const navigate = useNavigate();

  const confirmRevoke = () =>
    modal.confirm({
      title: t('profile.revokeTitle'),
      content: t('profile.revokeContent', { count: sessions.data?.length ?? 1 }),
      okText: t('profile.revokeOk'),
      okButtonProps: { danger: true, 'data-testid': 'revoke-all-confirm' },
      cancelText: t('action.cancel'),
      onOk: () =>
        revoke.mutateAsync().then(() => {
          message.success(t('profile.revoked'));
          forget();
          navigate('/login', { replace: true });
        }),
    });

  return (
    <Card
      title={t('profile.sessions')}
      extra={
        <Button
          danger
          icon={<LogoutOutlined />}
          onClick={confirmRevoke}
          loading={revoke.isPending}
          data-testid="revoke-all"
        >
          {t('profile.revokeAll')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.sessionsHint')}</Typography.Paragraph>
      <div data-testid="profile-sessions">
        <Table<SessionInfo>
          rowKey="id"
          size="small"
          loading={sessions.isPending}
          dataSource={sessions.data ?? []}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            {
              title: t('profile.signedInAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string, row) => (
                <Space size={6}>
                  {formatDateTime(v)}
                  {row.current && (
                    <Tag color="blue" data-testid="session-current">
                      {t('profile.current')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('profile.lastSeen'),
              dataIndex: 'lastSeenAt',
              width: 140,
              render: (v: string) => formatDateTime(v),
            },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            {
              title: t('profile.browser'),
              dataIndex: 'userAgent',
              render: (v: string | null) => <Tooltip title={v}>{describeUserAgent(v)}</Tooltip>,
            },
          ]}
        />
      </div>
    </Card>
  );
}

export function ProfilePage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  const [enrolling, setEnrolling] = useState(false);
  if (!me) return null;
  const { user } = me;
  const totp = me.totp ?? { enabled: false, required: false };

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.info')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('user.username'), children: <code>{user.username}</code> },
                { key: 'name', label: t('user.displayName'), children: user.displayName },
                {
                  key: 'unit',
                  label: t('home.unit'),
                  children: user.unit.name.endsWith(unitKindLabel(lang, user.unit.kind))
                    ? user.unit.name
                    : `${user.unit.name}（${unitKindLabel(lang, user.unit.kind)}）`,
                },
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: (
                    <Space size={4} wrap>
                      {user.roles.map((r) => (
                        <Tag key={r}>{roleLabel(lang, r)}</Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('profile.totp')} style={{ height: '100%' }} data-testid="profile-totp">
            <Space direction="vertical" size={12}>
              <Space size={8} wrap>
                {totp.enabled ? (
                  <Tag color="green" icon={<SafetyCertificateOutlined />} data-testid="totp-status">
                    {t('totp.statusOn')}
                  </Tag>
                ) : (
                  <Tag data-testid="totp-status">{t('totp.statusOff')}</Tag>
                )}
                {totp.required && <Tag color="orange">{t('totp.required')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {totp.enabled ? t('totp.onHint') : t('totp.offHint')}
              </Typography.Text>
              {!totp.enabled && (
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  onClick={() => setEnrolling(true)}
                  data-testid="totp-enrol-open"
                >
                  {t('totp.enrol')}
                </Button>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('password.title')}>
            <ChangePasswordForm />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <SessionsCard />
        </Col>
      </Row>
      <Modal
        open={enrolling}
        title={t('restricted.totpTitle')}
        footer={null}
        onCancel={() => setEnrolling(false)}
        destroyOnHidden
        width={640}
      >
        <TotpEnrol onDone={() => setEnrolling(false)} />
      </Modal>
    </>
  );
}
