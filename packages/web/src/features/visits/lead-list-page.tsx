// 服务工作 › 企业包联 (/service/leads): the firms in any library of the year with their lead unit and official
// (or 未确定) and the suggested unit; filters, paging and export. The centre ticks rows and clicks 按建议分配,
// or sets one firm's lead in a dialog (the history of the firm's leads is shown there).
import { type LeadRow, LIBRARIES, LIBRARY_LABELS, leadAssignSchema } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  type TableProps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterText,
  FilterUnitSelect,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  ListTable,
  optionText,
  unitFilterLabels,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { clearedErrors } from '../../lib/library-filters';
import { planYear } from '../../lib/today';
import { usePermissions } from '../auth/session';
import { useUnitOptions, useUnits } from '../org/org-api';
import {
  downloadLeadExport,
  leadListQuery,
  useAssignLead,
  useAssignSuggestedLeads,
  useEnterpriseLead,
  useLeads,
} from './visits-api';

const LIB_COLORS: Record<string, string> = {
  base: 'default',
  cultivation: 'green',
  near: 'gold',
  atRisk: 'red',
};
const LIBRARY_OPTIONS = LIBRARIES.map((l) => ({ value: l, label: LIBRARY_LABELS[l] }));

interface LeadValues {
  leadUnitId?: number;
  leadName?: string;
  leadPhone?: string;
}
const LEAD_FIELDS = ['leadUnitId', 'leadUserId', 'leadName', 'leadPhone'] as const;

function useLeadUnitOptions() {
  const units = useUnits();
  return useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => ['township', 'zone', 'department', 'centre'].includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
}

function LeadModal({ row, onClose }: { row: LeadRow | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadValues>();
  const assign = useAssignLead();
  const unitOptions = useLeadUnitOptions();
  const lead = useEnterpriseLead(row?.enterpriseId ?? 0, row !== null);

  useEffect(() => {
    if (!row) return;
    form.resetFields();
    form.setFieldsValue({
      leadUnitId: row.lead?.unitId ?? row.suggested.unitId,
      leadName: row.lead?.name ?? '',
      leadPhone: row.lead?.phone ?? '',
    });
  }, [form, row]);

  const save = () => {
    if (!row) return;
    const v = form.getFieldsValue(true) as LeadValues;
    const parsed = leadAssignSchema.safeParse({
      leadUnitId: v.leadUnitId,
      leadName: v.leadName ?? '',
      leadPhone: v.leadPhone ?? '',
    });
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, LEAD_FIELDS);
      return;
    }
    assign
      .mutateAsync({ enterpriseId: row.enterpriseId, body: parsed.data })
      .then(() => {
        message.success(t('lead.modal.saved'));
        onClose();
      })
      .catch((e: unknown) => applyServerError(form, e, LEAD_FIELDS));
  };

  return (
    <Modal
      open={row !== null}
      title={row ? t('lead.modal.title', { firm: row.enterpriseName }) : ''}
      onCancel={onClose}
      onOk={save}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'lead-modal-save' } as never}
      destroyOnHidden
    >
      {row && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('lead.modal.suggested', {
              unit: row.suggested.unitName,
              reason: row.suggested.reason,
            })}
            action={
              <Button size="small" onClick={() => form.setFieldValue('leadUnitId', row.suggested.unitId)}>
                {t('lead.modal.useSuggested')}
              </Button>
            }
          />
          <Form<LeadValues>
            form={form}
            layout="vertical"
            data-testid="lead-modal-form"
            onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
          >
            <Form.Item name="leadUnitId" label={t('lead.modal.unit')} required>
              <Select
                options={unitOptions}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="lead-modal-unit"
              />
            </Form.Item>
            <Form.Item name="leadName" label={t('lead.modal.name')} required>
              <Input maxLength={20} data-testid="lead-modal-name" />
            </Form.Item>
            <Form.Item name="leadPhone" label={t('lead.modal.phone')}>
              <Input maxLength={20} data-testid="lead-modal-phone" />
            </Form.Item>
          </Form>
          {(lead.data?.history.length ?? 0) > 0 && (
            <>
              <Typography.Title level={5}>{t('lead.modal.history')}</Typography.Title>
              <Timeline
                items={lead.data!.history.map((h) => ({
                  color: h.endedAt ? 'gray' : 'green',
                  children: t('lead.modal.historyItem', {
                    unit: h.unitName,
                    name: h.name,
                    from: formatDate(h.assignedAt),
                    to: h.endedAt ? formatDate(h.endedAt) : t('lead.modal.now'),
                  }),
                }))}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}

export function LeadListPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { can } = usePermissions();
  const mayAssign = can('service:manage');
  const list = useListQuery(leadListQuery);
  const { state } = list;
  const result = useLeads(list.apiQuery);
  const units = useUnitOptions();
  const leadUnits = useLeadUnitOptions();
  const assignSuggested = useAssignSuggestedLeads();
  const [selected, setSelected] = useState<number[]>([]);
  const [editing, setEditing] = useState<LeadRow | null>(null);
  const year = result.data?.year ?? state.year ?? planYear();
  const pageIds = (result.data?.items ?? []).map((r) => r.enterpriseId);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));

  const runSuggested = () =>
    modal.confirm({
      title: t('lead.assignSuggested'),
      content: t('lead.assignSuggestedConfirm', { count: selected.length }),
      okButtonProps: { 'data-testid': 'lead-assign-suggested-ok' } as never,
      onOk: async () => {
        const r = await assignSuggested.mutateAsync(selected).catch((e) => {
          reportError(e);
          throw e;
        });
        message.success(t('lead.assignSuggestedDone', { assigned: r.assigned, unchanged: r.unchanged }));
        setSelected(r.refused.map((x) => x.enterpriseId));
        if (r.refused.length > 0)
          modal.warning({
            title: t('lead.assignSuggestedRefused'),
            content: (
              <ul data-testid="lead-refused" style={{ paddingInlineStart: 18 }}>
                {r.refused.map((x) => (
                  <li key={x.enterpriseId}>
                    {x.enterpriseName}：{x.reason}
                  </li>
                ))}
              </ul>
            ),
          });
      },
    });

  const columns: TableProps<LeadRow>['columns'] = [];
  if (mayAssign)
    columns.push({
      title: (
        <Checkbox
          checked={allOnPage}
          indeterminate={!allOnPage && pageIds.some((id) => selected.includes(id))}
          onChange={(e) =>
            setSelected((s) =>
              e.target.checked ? [...new Set([...s, ...pageIds])] : s.filter((id) => !pageIds.includes(id)),
            )
          }
          data-testid="lead-select-page"
        />
      ),
      key: 'select',
      width: 44,
      render: (_: unknown, r) => (
        <Checkbox
          checked={selected.includes(r.enterpriseId)}
          onChange={(e) =>
            setSelected((s) =>
              e.target.checked ? [...s, r.enterpriseId] : s.filter((id) => id !== r.enterpriseId),
            )
          }
          data-testid={`lead-select-${r.enterpriseId}`}
        />
      ),
    });
  columns.push(
    {
      title: t('lead.col.firm'),
      key: 'firm',
      width: 240,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`} data-testid="lead-row-firm">
            {r.enterpriseName}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.townshipName} · {r.supervisingUnitName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('lead.col.libraries'),
      key: 'libraries',
      width: 150,
      render: (_: unknown, r) =>
        r.libraries.map((l) => (
          <Tag key={l.library} color={LIB_COLORS[l.library]}>
            {l.label}
          </Tag>
        )),
    },
    {
      title: t('lead.col.lead'),
      key: 'lead',
      width: 200,
      render: (_: unknown, r) =>
        r.lead ? (
          <div data-testid="lead-current">
            <div>{r.lead.unitName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.lead.name}
              {r.lead.phone ? ` · ${r.lead.phone}` : ''}
            </Typography.Text>
          </div>
        ) : (
          <Tag color="warning" data-testid="lead-none">
            {t('lead.none')}
          </Tag>
        ),
    },
    {
      title: t('lead.col.suggested'),
      key: 'suggested',
      width: 160,
      render: (_: unknown, r) => (
        <Typography.Text
          type={r.lead?.unitId === r.suggested.unitId ? 'secondary' : undefined}
          title={r.suggested.reason}
        >
          {r.suggested.unitName}
        </Typography.Text>
      ),
    },
  );
  if (mayAssign)
    columns.push({
      title: t('lead.col.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing(r)}
          data-testid={`lead-edit-${r.enterpriseId}`}
        >
          {t('lead.edit')}
        </Button>
      ),
    });

  const hasLeadOptions = [
    { value: 'yes', label: t('lead.filter.hasLead.yes') },
    { value: 'no', label: t('lead.filter.hasLead.no') },
  ];
  return (
    <>
      <PageHeader
        title={t('lead.list.title')}
        subtitle={t('lead.list.subtitle', { year })}
        actions={
          <>
            {mayAssign && (
              <Space>
                {selected.length > 0 && (
                  <>
                    <Typography.Text type="secondary">
                      {t('lead.selected', { count: selected.length })}
                    </Typography.Text>
                    <Button size="small" type="link" onClick={() => setSelected([])}>
                      {t('lead.clearSelection')}
                    </Button>
                  </>
                )}
                <Button
                  type="primary"
                  disabled={selected.length === 0}
                  loading={assignSuggested.isPending}
                  onClick={runSuggested}
                  data-testid="lead-assign-suggested"
                >
                  {t('lead.assignSuggested')}
                </Button>
              </Space>
            )}
            <ListExportButton
              list={list}
              download={downloadLeadExport}
              total={result.data?.total}
              testId="lead-export"
            />
          </>
        }
      />
      <ListFilterBar list={list} testId="lead-filter">
        <FilterYearSelect
          name="year"
          label={t('lead.filter.year')}
          years={yearsDown(planYear(), 3)}
          clearable={false}
          placeholder={String(planYear())}
          testId="lead-filter-year"
        />
        <FilterSelect
          name="library"
          label={t('lead.filter.library')}
          options={LIBRARY_OPTIONS}
          testId="lead-filter-library"
        />
        <FilterSelect
          name="hasLead"
          label={t('lead.filter.hasLead')}
          options={hasLeadOptions}
          testId="lead-filter-has-lead"
        />
        <FilterSelect
          name="leadUnitId"
          label={t('lead.filter.leadUnit')}
          options={leadUnits}
          search
          testId="lead-filter-lead-unit"
        />
        <FilterUnitSelect
          units={units}
          kind="township"
          label={t('lead.filter.township')}
          testId="lead-filter-township"
        />
        <FilterUnitSelect
          units={units}
          kind="supervising"
          label={t('lead.filter.supervising')}
          testId="lead-filter-supervising"
        />
        <FilterText name="q" label={t('lead.filter.firm')} maxLength={50} testId="lead-filter-firm" />
      </ListFilterBar>
      <ListTable<LeadRow>
        list={list}
        result={result}
        rowKey="enterpriseId"
        columns={columns}
        testId="lead-table"
        totalText={(total) => t('lead.list.total', { total })}
        empty={<Empty description={t('lead.list.empty')} />}
        emptyFiltered={t('lead.list.emptyFiltered')}
        filterLabels={{
          library: { label: t('lead.filter.library'), value: optionText(LIBRARY_OPTIONS) },
          hasLead: { label: t('lead.filter.hasLead'), value: optionText(hasLeadOptions) },
          leadUnitId: { label: t('lead.filter.leadUnit'), value: optionText(leadUnits) },
          ...unitFilterLabels(units, {
            township: t('lead.filter.township'),
            supervising: t('lead.filter.supervising'),
          }),
          q: { label: t('lead.filter.firm') },
        }}
      />
      {mayAssign && <LeadModal row={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
