// The firm page's 培育库 card: which libraries the firm is in and why, the whole entry/exit history, the
// pathway and tier with 调整路径, and the operating status with 登记停产/半停产.
import {
  canCreateDeclaration,
  formatWan,
  type Library,
  OPERATING_STATUSES,
  type OperatingStatus,
  operatingStatusChangeSchema,
  PATHWAYS,
  type Pathway,
  pathwayChangeSchema,
} from '@shenggui/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { FirmLibraryHistory } from '../../api/types';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { clearedErrors, formatProbability } from '../../lib/library-filters';
import { planYear } from '../../lib/today';
import { useMe } from '../auth/session';
import { DeclareLink } from '../declarations/declare-link';
import { useEnterprise } from '../enterprises/enterprise-api';
import { useFirmLibraries, useLibraryList, useSetOperatingStatus, useSetPathway } from './library-api';
import { libraryLabel, operatingLabel, pathwayLabel, TIER_COLORS } from './library-labels';

const LIB_COLORS: Record<Library, string> = {
  base: 'default',
  cultivation: 'green',
  near: 'gold',
  atRisk: 'red',
};

export function FirmLibraryCard({
  enterpriseId,
  creditCode,
  name,
}: {
  enterpriseId: number;
  creditCode: string;
  name: string;
}) {
  const { t, lang } = useI18n();
  const history = useFirmLibraries(enterpriseId);
  // The forecast, tier and suggested pathway come with the firm's row of a library list.
  const row = useLibraryList('cultivation', new URLSearchParams({ q: creditCode, page: '1', pageSize: '5' }));
  const member = row.data?.items.find((m) => m.enterpriseId === enterpriseId);
  const year = row.data?.year ?? planYear();
  const [editing, setEditing] = useState<'pathway' | 'status' | null>(null);
  // Declarations are started by the firm's township or supervising department (the domain's rule).
  const mayDeclare = canCreateDeclaration(useMe().data?.user.roles ?? []);
  const firm = useEnterprise(enterpriseId);

  const h: FirmLibraryHistory | undefined = history.data;
  const current = (h?.items ?? []).filter((i) => i.current && i.year === year);
  const chosen = (h?.pathways ?? [])
    .filter((p) => p.year === year)
    .sort((a, b) => b.setAt.localeCompare(a.setAt))[0];
  const pathway: Pathway | null = chosen?.pathway ?? member?.pathway ?? null;
  const statuses = [...(h?.operatingStatus ?? [])].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  const status: OperatingStatus = statuses[0]?.status ?? 'normal';

  return (
    <Card
      title={t('lib.card.title')}
      size="small"
      loading={history.isPending}
      data-testid="firm-library-card"
      extra={
        <Can permission="enterprise:write">
          <Space size={4} wrap>
            <Button size="small" onClick={() => setEditing('pathway')} data-testid="pathway-change-open">
              {t('lib.card.changePathway')}
            </Button>
            <Button size="small" onClick={() => setEditing('status')} data-testid="operating-status-open">
              {t('lib.card.recordStatus')}
            </Button>
            {mayDeclare && (
              <DeclareLink
                enterpriseId={enterpriseId}
                firm={member ?? firm.data}
                year={year}
                button
                testId="firm-declare"
              />
            )}
          </Space>
        </Can>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'libs',
            label: t('lib.card.current', { year }),
            children: current.length ? (
              <span data-testid="firm-libraries">
                {current.map((c) => (
                  <Tag key={c.id} color={LIB_COLORS[c.library]}>
                    {libraryLabel(lang, c.library)}
                  </Tag>
                ))}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('lib.card.none')}</Typography.Text>
            ),
          },
          ...(member?.priorYearRevenue
            ? [
                {
                  key: 'prior',
                  label: t('lib.col.priorYear'),
                  // A partial prior year names its months: "2025年（7-12月，6个月）".
                  children: (
                    <span data-testid="firm-prior-year">
                      {formatWan(member.priorYearRevenue)} {t('app.wan')}
                      {member.priorYearLabel && (
                        <Typography.Text type="secondary">（{member.priorYearLabel}）</Typography.Text>
                      )}
                    </span>
                  ),
                },
              ]
            : []),
          {
            key: 'pathway',
            label: t('lib.col.pathway'),
            children: pathway ? (
              <span data-testid="firm-pathway">
                {pathwayLabel(lang, pathway)}
                {!chosen && (
                  <Typography.Text type="secondary">（{t('lib.pathwaySuggested')}）</Typography.Text>
                )}
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'tier',
            label: t('lib.col.tier'),
            children: member?.tier ? (
              <span>
                <Tag color={TIER_COLORS[member.tier]} data-testid="firm-tier">
                  {member.tier}
                </Tag>
                <Typography.Text type="secondary">
                  {t('lib.col.pReach')} {formatProbability(member.pReachYear)}
                </Typography.Text>
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'status',
            label: t('lib.card.operating'),
            children: (
              <Tag color={status === 'normal' ? 'default' : 'red'} data-testid="firm-operating-status">
                {operatingLabel(lang, status)}
                {statuses[0] ? ` · ${formatDate(statuses[0].since)}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('lib.card.history')}
      </Typography.Title>
      {(h?.items.length ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('lib.card.noHistory')}</Typography.Text>
      ) : (
        <Timeline
          data-testid="firm-library-history"
          items={[...(h?.items ?? [])]
            .sort((a, b) => (b.leftAt ?? b.enteredAt).localeCompare(a.leftAt ?? a.enteredAt))
            .map((i) => ({
              color: i.current ? 'green' : 'gray',
              children: (
                <div>
                  <div>
                    <Tag color={LIB_COLORS[i.library]}>
                      {i.year} {libraryLabel(lang, i.library)}
                    </Tag>
                    {i.manual && <Tag color="orange">{t('lib.manualTag')}</Tag>}
                    {t('lib.card.entered')} {formatDateTime(i.enteredAt)}
                    {i.enteredByName ? ` · ${i.enteredByName}` : ''}
                  </div>
                  <Typography.Text type="secondary">{i.enteredReason}</Typography.Text>
                  {i.leftAt && (
                    <div>
                      {t('lib.card.left')} {formatDateTime(i.leftAt)}
                      {i.leftByName ? ` · ${i.leftByName}` : ''}
                      {i.leftReason ? `：${i.leftReason}` : ''}
                    </div>
                  )}
                </div>
              ),
            }))}
        />
      )}
      <PathwayModal
        open={editing === 'pathway'}
        enterpriseId={enterpriseId}
        name={name}
        year={year}
        current={pathway}
        onClose={() => setEditing(null)}
      />
      <OperatingStatusModal
        open={editing === 'status'}
        enterpriseId={enterpriseId}
        name={name}
        current={status}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}

function PathwayModal({
  open,
  enterpriseId,
  name,
  year,
  current,
  onClose,
}: {
  open: boolean;
  enterpriseId: number;
  name: string;
  year: number;
  current: Pathway | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ pathway?: Pathway; reason?: string }>();
  const save = useSetPathway(enterpriseId);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ pathway: current ?? undefined, reason: '' });
  }, [open, form, current]);
  const submit = () => {
    const v = form.getFieldsValue(true) as { pathway?: Pathway; reason?: string };
    const parsed = pathwayChangeSchema.safeParse({ year, pathway: v.pathway, reason: v.reason ?? '' });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, ['pathway', 'reason']);
      return;
    }
    modal.confirm({
      title: t('lib.confirmTitle'),
      content: t('lib.pathwayConfirm', {
        name,
        year,
        from: current ? pathwayLabel(lang, current) : '—',
        to: pathwayLabel(lang, parsed.data.pathway),
      }),
      okText: t('lib.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'pathway-confirm-ok' } as never,
      onOk: () =>
        save
          .mutateAsync(parsed.data)
          .then(() => {
            message.success(t('lib.changed'));
            onClose();
          })
          .catch((e: unknown) => applyServerError(form, e, ['pathway', 'reason'])),
    });
  };
  return (
    <Modal
      open={open}
      title={t('lib.card.changePathway')}
      onCancel={onClose}
      onOk={submit}
      okText={t('lib.next')}
      cancelText={t('action.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="pathway-form"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        <Form.Item name="pathway" label={t('lib.col.pathway')} required>
          <Select
            options={PATHWAYS.map((p) => ({ value: p, label: pathwayLabel(lang, p) }))}
            data-testid="pathway-select"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('lib.reason')} required>
          <Input.TextArea rows={3} maxLength={500} data-testid="pathway-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OperatingStatusModal({
  open,
  enterpriseId,
  name,
  current,
  onClose,
}: {
  open: boolean;
  enterpriseId: number;
  name: string;
  current: OperatingStatus;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  type V = { status?: OperatingStatus; since?: Dayjs | null; reason?: string };
  const [form] = Form.useForm<V>();
  const save = useSetOperatingStatus(enterpriseId);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ status: current === 'normal' ? 'stopped' : 'normal', since: dayjs(), reason: '' });
  }, [open, form, current]);
  const submit = () => {
    const v = form.getFieldsValue(true) as V;
    const parsed = operatingStatusChangeSchema.safeParse({
      status: v.status,
      since: v.since ? v.since.format('YYYY-MM-DD') : '',
      reason: v.reason ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, ['status', 'since', 'reason']);
      return;
    }
    modal.confirm({
      title: t('lib.confirmTitle'),
      content: t('lib.statusConfirm', {
        name,
        from: operatingLabel(lang, current),
        to: operatingLabel(lang, parsed.data.status),
        since: parsed.data.since,
      }),
      okText: t('lib.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'operating-status-confirm-ok' } as never,
      onOk: () =>
        save
          .mutateAsync(parsed.data)
          .then(() => {
            message.success(t('lib.changed'));
            onClose();
          })
          .catch((e: unknown) => applyServerError(form, e, ['status', 'since', 'reason'])),
    });
  };
  return (
    <Modal
      open={open}
      title={t('lib.card.recordStatus')}
      onCancel={onClose}
      onOk={submit}
      okText={t('lib.next')}
      cancelText={t('action.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="operating-status-form"
        onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
      >
        <Form.Item name="status" label={t('lib.card.operating')} required>
          <Select
            options={OPERATING_STATUSES.map((s) => ({ value: s, label: operatingLabel(lang, s) }))}
            data-testid="operating-status-select"
          />
        </Form.Item>
        <Form.Item name="since" label={t('lib.card.since')} required>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('lib.reason')} required>
          <Input.TextArea rows={3} maxLength={500} data-testid="operating-status-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
