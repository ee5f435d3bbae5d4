// 目标考核 › 目标任务 (/targets): the city target and the county's allocation in both dimensions per year,
// editable by the centre (target:allocate) with sums, over/under notes and a confirmation listing the
// changes; and the year's counting rule with its explanation.
import { isCutoff } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TargetsView } from '../../api/types';
import { type TFunction, useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { parseYearParam } from '../../lib/notice-form';
import { boardYears } from '../../lib/progress-board';
import {
  type AllocationDraft,
  allocationBody,
  allocationChanges,
  allocationState,
  type EditableUnit,
  sumOf,
  type TargetDimension,
} from '../../lib/targets-diff';
import { planYear } from '../../lib/today';
import { usePermissions } from '../auth/session';
import {
  downloadTargetsExport,
  useCountingRule,
  useSaveCountingRule,
  useSaveTargets,
  useTargets,
} from './targets-api';

function draftOf(view: TargetsView): AllocationDraft {
  const rows = (list: TargetsView['territorial']): EditableUnit[] =>
    list.map((r) => ({ unitId: r.unitId, name: r.name, target: r.target }));
  return {
    cityTarget: view.cityTarget,
    territorial: rows(view.territorial),
    supervising: rows(view.supervising),
  };
}

function SumLine({ sum, cityTarget, t }: { sum: number; cityTarget: number | null; t: TFunction }) {
  const s = allocationState(sum, cityTarget);
  return (
    <Space wrap>
      <strong>{t('targets.sum', { sum })}</strong>
      {s.kind === 'over' && <Tag color="blue">{t('targets.overInfo', { over: s.by })}</Tag>}
      {s.kind === 'under' && <Tag color="warning">{t('targets.underWarn', { under: s.by })}</Tag>}
      {s.kind === 'equal' && <Tag color="success">{t('targets.equal')}</Tag>}
    </Space>
  );
}

function AllocationCard({
  dim,
  rows,
  cityTarget,
  editable,
  onChange,
}: {
  dim: TargetDimension;
  rows: EditableUnit[];
  cityTarget: number | null;
  editable: boolean;
  onChange: (unitId: number, target: number | null) => void;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t(dim === 'territorial' ? 'board.dim.territorial' : 'board.dim.supervising')}
      styles={{ body: { padding: 0 } }}
      data-testid={`targets-${dim}`}
    >
      <Table<EditableUnit>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('targets.col.unit'), dataIndex: 'name', key: 'name' },
          {
            title: t('targets.col.target'),
            key: 'target',
            width: 150,
            align: 'right',
            render: (_: unknown, r) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={100000}
                  precision={0}
                  value={r.target}
                  onChange={(v) => onChange(r.unitId, typeof v === 'number' ? v : null)}
                  style={{ width: 100 }}
                  data-testid={`target-input-${dim}-${r.unitId}`}
                />
              ) : (
                (r.target ?? '—')
              ),
          },
        ]}
        footer={() => <SumLine sum={sumOf(rows)} cityTarget={cityTarget} t={t} />}
      />
    </Card>
  );
}

function CountingRuleCard({ year, editable }: { year: number; editable: boolean }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const rule = useCountingRule(year);
  const save = useSaveCountingRule(year);
  const [basis, setBasis] = useState<'approval' | 'effective'>('approval');
  const [cutoff, setCutoff] = useState('12-31');
  useEffect(() => {
    if (rule.data) {
      setBasis(rule.data.basis);
      setCutoff(rule.data.cutoff);
    }
  }, [rule.data]);
  const valid = isCutoff(cutoff);
  const changed = !!rule.data && (rule.data.basis !== basis || rule.data.cutoff !== cutoff);
  const basisLabel = t(basis === 'approval' ? 'rule.basis.approval' : 'rule.basis.effective');
  const confirm = () =>
    modal.confirm({
      title: t('rule.confirmTitle', { year }),
      content: t('rule.confirmBody', { basis: basisLabel, cutoff }),
      okText: t('rule.save'),
      cancelText: t('action.cancel'),
      onOk: () => save.mutateAsync({ basis, cutoff }).then(() => message.success(t('rule.saved'))),
    });
  return (
    <Card size="small" title={t('rule.title')} data-testid="counting-rule">
      {rule.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap size={[24, 8]}>
            <Space size={8}>
              <span>{t('rule.basis')}</span>
              <Radio.Group
                value={basis}
                disabled={!editable}
                onChange={(e) => setBasis(e.target.value)}
                optionType="button"
                options={[
                  { value: 'approval', label: t('rule.basis.approval') },
                  { value: 'effective', label: t('rule.basis.effective') },
                ]}
              />
            </Space>
            <Space size={8}>
              <span>{t('rule.cutoff')}</span>
              <Input
                value={cutoff}
                disabled={!editable}
                onChange={(e) => setCutoff(e.target.value.trim())}
                status={valid ? undefined : 'error'}
                style={{ width: 90 }}
                maxLength={5}
                data-testid="counting-rule-cutoff"
              />
              {!valid && <Typography.Text type="danger">{t('rule.cutoffInvalid')}</Typography.Text>}
            </Space>
            {editable && (
              <Button type="primary" disabled={!changed || !valid} loading={save.isPending} onClick={confirm}>
                {t('rule.save')}
              </Button>
            )}
          </Space>
          <Alert
            type="info"
            showIcon
            title={t(basis === 'approval' ? 'rule.explain.approval' : 'rule.explain.effective', {
              year,
              cutoff: valid
                ? t('rule.cutoffDay', { month: cutoff.slice(0, 2), day: cutoff.slice(3, 5) })
                : cutoff,
            })}
          />
        </Space>
      )}
    </Card>
  );
}

export function TargetsPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const { modal, message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const currentYear = planYear();
  const year = parseYearParam(searchParams.get('year'), currentYear);
  const targets = useTargets(year);
  const save = useSaveTargets(year);
  const editable = can('target:allocate');
  const original = useMemo(() => (targets.data ? draftOf(targets.data) : null), [targets.data]);
  const [draft, setDraft] = useState<AllocationDraft | null>(null);
  useEffect(() => setDraft(original), [original]);

  const changes = original && draft ? allocationChanges(original, draft) : [];
  const setUnit = (dim: TargetDimension) => (unitId: number, target: number | null) =>
    setDraft((d) =>
      d ? { ...d, [dim]: d[dim].map((r) => (r.unitId === unitId ? { ...r, target } : r)) } : d,
    );

  const label = (c: (typeof changes)[number]) =>
    c.scope === 'city'
      ? t('targets.cityTarget')
      : `${t(c.scope === 'territorial' ? 'board.dim.territorial' : 'board.dim.supervising')} · ${c.name}`;

  const confirmSave = () => {
    if (!draft) return;
    modal.confirm({
      title: t('targets.confirmTitle', { year }),
      width: 520,
      content: (
        <div>
          <p>{t('targets.confirmBody', { count: changes.length })}</p>
          <ul
            style={{ paddingInlineStart: 20, maxHeight: 280, overflow: 'auto' }}
            data-testid="targets-changes"
          >
            {changes.map((c) => (
              <li key={`${c.scope}-${c.unitId ?? 0}`}>
                {t('targets.change', {
                  label: label(c),
                  from: c.from ?? t('targets.none'),
                  to: c.to ?? t('targets.none'),
                })}
              </li>
            ))}
          </ul>
        </div>
      ),
      okText: t('targets.confirmOk'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'targets-confirm-ok' } as never,
      onOk: () => save.mutateAsync(allocationBody(draft)).then(() => message.success(t('targets.saved'))),
    });
  };

  return (
    <>
      <PageHeader
        title={t('targets.title')}
        subtitle={t('targets.subtitle')}
        actions={
          <>
            <Select
              value={year}
              style={{ width: 108 }}
              onChange={(y) => setSearchParams(y === currentYear ? {} : { year: String(y) })}
              options={boardYears(currentYear, year, 4).map((y) => ({
                value: y,
                label: t('board.yearOption', { year: y }),
              }))}
              data-testid="targets-year"
            />
            <ExportButton
              onExport={() => downloadTargetsExport(year)}
              disabled={!targets.data}
              testId="targets-export"
            />
            {editable && (
              <>
                <Button disabled={changes.length === 0} onClick={() => setDraft(original)}>
                  {t('action.reset')}
                </Button>
                <Button
                  type="primary"
                  disabled={changes.length === 0 || draft?.cityTarget === null}
                  loading={save.isPending}
                  onClick={confirmSave}
                  data-testid="targets-save"
                >
                  {t('targets.save')}
                </Button>
              </>
            )}
          </>
        }
      />
      {!draft || !targets.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {!editable && <Alert type="info" showIcon title={t('targets.readOnly')} />}
          {targets.data.warnings.length > 0 && (
            <Alert
              type={
                targets.data.warnings.some((w) => w.includes('低于') || w.includes('尚未'))
                  ? 'warning'
                  : 'info'
              }
              showIcon
              title={targets.data.warnings.join('；')}
              data-testid="targets-warnings"
            />
          )}
          <Card size="small" data-testid="targets-city">
            <Space wrap size={[16, 8]} align="center">
              <strong>{t('targets.cityTarget')}</strong>
              {editable ? (
                <InputNumber
                  min={0}
                  max={100000}
                  precision={0}
                  value={draft.cityTarget}
                  onChange={(v) => setDraft({ ...draft, cityTarget: typeof v === 'number' ? v : null })}
                  data-testid="target-input-city"
                />
              ) : (
                <span style={{ fontSize: 20, fontWeight: 600 }}>{draft.cityTarget ?? '—'}</span>
              )}
              <Typography.Text type="secondary">{t('targets.cityTargetHint')}</Typography.Text>
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            {(['territorial', 'supervising'] as const).map((dim) => (
              <Col xs={24} lg={12} key={dim}>
                <AllocationCard
                  dim={dim}
                  rows={draft[dim]}
                  cityTarget={draft.cityTarget}
                  editable={editable}
                  onChange={setUnit(dim)}
                />
              </Col>
            ))}
          </Row>
          <CountingRuleCard year={year} editable={editable} />
        </Space>
      )}
    </>
  );
}
