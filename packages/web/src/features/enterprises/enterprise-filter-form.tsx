// The filter bar above the enterprise list: the list kit's FilterBar with this list's fields, the less used
// ones collapsed behind 更多条件 (one row above the table on a 1366×768 screen).
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { SCALE_STATUSES, type ScaleStatus } from '@shenggui/domain';
import { Button, Form, Grid, InputNumber } from 'antd';
import { cloneElement, type ReactElement, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { scaleLabel } from '../../app/labels';
import {
  FilterBar,
  FilterSelect,
  FilterText,
  FilterUnitSelect,
  FilterYearSelect,
  yearsDown,
} from '../../components/list-kit';
import type { EnterpriseFilters, EnterpriseListState } from '../../lib/enterprise-filters';
import { planYear } from '../../lib/today';
import { useUnitOptions } from '../org/org-api';
import { IndustryCascader } from './industry-cascader';

interface FilterValues {
  q?: string;
  townshipId?: number | null;
  supervisingUnitId?: number | null;
  industry?: string | null;
  scaleStatus?: ScaleStatus | null;
  revenueYear?: number | null;
  revenueMinWan?: number | null;
  revenueMaxWan?: number | null;
}

/** Filters that may sit in the collapsed part of the form: any of them set opens it. */
const ADVANCED: Array<keyof EnterpriseFilters> = [
  'townshipId',
  'supervisingUnitId',
  'industry',
  'scaleStatus',
  'revenueYear',
  'revenueMinWan',
  'revenueMaxWan',
];

/** The filters behind each rendered field, in render order (to count what the collapsed form hides). */
const FIELD_KEYS: Array<Array<keyof EnterpriseFilters>> = [
  ['q'],
  ['townshipId'],
  ['scaleStatus'],
  ['supervisingUnitId'],
  ['industry'],
  ['revenueYear'],
  ['revenueMinWan', 'revenueMaxWan'],
];

function toFilters(v: FilterValues): EnterpriseFilters {
  const out: EnterpriseFilters = {};
  if (v.q?.trim()) out.q = v.q.trim();
  if (v.townshipId) out.townshipId = v.townshipId;
  if (v.supervisingUnitId) out.supervisingUnitId = v.supervisingUnitId;
  if (v.industry) out.industry = v.industry;
  if (v.scaleStatus) out.scaleStatus = v.scaleStatus;
  if (v.revenueYear) out.revenueYear = v.revenueYear;
  if (typeof v.revenueMinWan === 'number') out.revenueMinWan = v.revenueMinWan;
  if (typeof v.revenueMaxWan === 'number') out.revenueMaxWan = v.revenueMaxWan;
  return out;
}

function toValues(state: EnterpriseListState): FilterValues {
  return {
    q: state.q ?? '',
    townshipId: state.townshipId ?? null,
    supervisingUnitId: state.supervisingUnitId ?? null,
    industry: state.industry ?? null,
    scaleStatus: state.scaleStatus ?? null,
    revenueYear: state.revenueYear ?? null,
    revenueMinWan: state.revenueMinWan ?? null,
    revenueMaxWan: state.revenueMaxWan ?? null,
  };
}

interface EnterpriseFilterFormProps {
  state: EnterpriseListState;
  /** The year the list currently shows revenue for (the server's default when none is chosen). */
  shownRevenueYear?: number;
  onSubmit: (filters: EnterpriseFilters) => void;
  onReset: () => void;
}

export function EnterpriseFilterForm({
  state,
  shownRevenueYear,
  onSubmit,
  onReset,
}: EnterpriseFilterFormProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const screens = Grid.useBreakpoint();
  const units = useUnitOptions();
  const advancedActive = ADVANCED.some((k) => state[k] !== undefined);
  // Collapsed by default (one row above the table on a 1366×768 screen); open when a hidden filter is set.
  const [expanded, setExpanded] = useState(advancedActive);

  // Collapsed: as many fields as fit on one row beside the buttons.
  const collapsedCount = screens.xxl ? 3 : screens.lg ? 2 : screens.sm ? 1 : 2;
  const fieldVisible = (index: number) => expanded || index < collapsedCount;
  const fields: ReactElement<{ hidden?: boolean }>[] = [
    <FilterText
      key="q"
      name="q"
      label={t('filter.keyword')}
      maxLength={100}
      placeholder={t('filter.keywordPlaceholder')}
      testId="filter-q"
    />,
    <FilterUnitSelect
      key="townshipId"
      units={units}
      kind="township"
      label={t('field.township')}
      testId="filter-township"
    />,
    <FilterSelect
      key="scaleStatus"
      name="scaleStatus"
      label={t('field.scaleStatus')}
      options={SCALE_STATUSES.map((s) => ({ value: s, label: scaleLabel(lang, s) }))}
      testId="filter-scale"
    />,
    <FilterUnitSelect
      key="supervisingUnitId"
      units={units}
      kind="supervising"
      label={t('field.supervisingUnit')}
      testId="filter-supervising"
    />,
    <Form.Item key="industry" name="industry" label={t('field.industry')}>
      <IndustryCascader
        anyLevel
        placeholder={t('filter.industryPlaceholder')}
        data-testid="filter-industry"
      />
    </Form.Item>,
    // Revenue years: this year and the nine before it.
    <FilterYearSelect
      key="revenueYear"
      name="revenueYear"
      label={t('filter.revenueYear')}
      years={yearsDown(planYear(), 10)}
      placeholder={
        shownRevenueYear
          ? t('filter.revenueYearDefaultIs', { year: shownRevenueYear })
          : t('filter.revenueYearDefault')
      }
      testId="filter-revenue-year"
    />,
    <Form.Item key="revenue" label={t('filter.revenueRange')} style={{ minWidth: 320 }}>
      {/* Both bounds in one row; the upper bound's check shows under the pair. */}
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Form.Item name="revenueMinWan" noStyle>
          <InputNumber<number>
            min={0}
            precision={2}
            placeholder={t('filter.min')}
            style={{ flex: 1 }}
            data-testid="filter-revenue-min"
          />
        </Form.Item>
        <span>~</span>
        <Form.Item
          name="revenueMaxWan"
          noStyle
          dependencies={['revenueMinWan']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: number | null | undefined) => {
                const min = getFieldValue('revenueMinWan') as number | null | undefined;
                if (typeof value === 'number' && typeof min === 'number' && value < min) {
                  return Promise.reject(new Error(t('filter.maxBelowMin')));
                }
                return Promise.resolve();
              },
            }),
          ]}
        >
          <InputNumber<number>
            min={0}
            precision={2}
            placeholder={t('filter.max')}
            style={{ flex: 1 }}
            data-testid="filter-revenue-max"
          />
        </Form.Item>
      </div>
    </Form.Item>,
  ];

  const hiddenActive = expanded
    ? 0
    : FIELD_KEYS.slice(collapsedCount)
        .flat()
        .filter((k) => state[k] !== undefined).length;

  return (
    <FilterBar<FilterValues>
      form={form}
      values={toValues(state)}
      onSubmit={(values) => onSubmit(toFilters(values))}
      onReset={onReset}
      testId="enterprise-filter-form"
      submitTestId="filter-submit"
      resetTestId="filter-reset"
      extra={
        <Button type="link" onClick={() => setExpanded((e) => !e)} data-testid="filter-toggle">
          {expanded ? t('filter.collapse') : t('filter.expand')}
          {expanded ? <UpOutlined /> : <DownOutlined />}
          {hiddenActive > 0 ? ` (${hiddenActive})` : ''}
        </Button>
      }
    >
      {/* Collapsed fields stay mounted (hidden) so their values are still submitted. */}
      {fields.map((f, i) => (fieldVisible(i) ? f : cloneElement(f, { hidden: true })))}
    </FilterBar>
  );
}
