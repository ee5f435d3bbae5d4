// The fields that go inside a FilterBar: a choice, a text, a year, a unit and a date range, each one
// Form.Item with its label and the control's data-testid. A choice left empty means 全部 (allowClear and
// the 全部 placeholder unless the page says otherwise). `hidden` keeps a field mounted but out of sight, so a
// collapsed field's value is still submitted.
import { DatePicker, Form, Input, Select, type SelectProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../app/i18n';
import { type FilterLabels, optionText } from './list-table';

export interface FilterOption<T extends string | number = string | number> {
  value: T;
  label: ReactNode;
}

interface FieldProps {
  /** The form field's name: the list query's filter key. */
  name: string;
  label: ReactNode;
  /** data-testid of the control. */
  testId: string;
  hidden?: boolean;
}

interface FilterSelectProps extends FieldProps {
  /** Plain options or antd option groups. */
  options: SelectProps['options'];
  loading?: boolean;
  /** Type to narrow the options by their label. */
  search?: boolean;
  /** Shown while nothing is chosen; 全部 unless given. */
  placeholder?: ReactNode;
  disabled?: boolean;
  /** Whether the choice can be cleared back to 全部; a filter that always has a value says false. */
  clearable?: boolean;
}

export function FilterSelect({
  name,
  label,
  testId,
  hidden,
  options,
  loading,
  search,
  placeholder,
  disabled,
  clearable = true,
}: FilterSelectProps) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} hidden={hidden}>
      <Select
        allowClear={clearable}
        showSearch={search ? { optionFilterProp: 'label' } : undefined}
        options={options}
        loading={loading}
        disabled={disabled}
        placeholder={placeholder ?? t('filter.all')}
        data-testid={testId}
      />
    </Form.Item>
  );
}

interface FilterTextProps extends FieldProps {
  /** The list query's textFilter(n) limit. */
  maxLength: number;
  placeholder?: string;
}

export function FilterText({ name, label, testId, hidden, maxLength, placeholder }: FilterTextProps) {
  return (
    <Form.Item name={name} label={label} hidden={hidden}>
      <Input allowClear maxLength={maxLength} placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}

/** `count` years counting down from `first` (first, first − 1, …). */
export function yearsDown(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first - i);
}

interface FilterYearSelectProps extends Omit<FilterSelectProps, 'options' | 'search' | 'loading'> {
  years: readonly number[];
  /** The option's text for a year; the bare number unless given. */
  yearLabel?: (year: number) => string;
}

export function FilterYearSelect({ years, yearLabel = String, ...rest }: FilterYearSelectProps) {
  return <FilterSelect {...rest} options={years.map((y) => ({ value: y, label: yearLabel(y) }))} />;
}

/** The caller's 所属乡镇 and 行业主管 choices, as the org slice's useUnitOptions gives them. */
export interface UnitChoices {
  townships: FilterOption[];
  supervising: FilterOption[];
  isLoading?: boolean;
}

interface FilterUnitSelectProps extends Omit<FieldProps, 'name'> {
  units: UnitChoices;
  /** 所属乡镇 (filter key townshipId) or 行业主管 (supervisingUnitId). */
  kind: 'township' | 'supervising';
  placeholder?: ReactNode;
}

export function FilterUnitSelect({ units, kind, ...rest }: FilterUnitSelectProps) {
  return (
    <FilterSelect
      {...rest}
      name={kind === 'township' ? 'townshipId' : 'supervisingUnitId'}
      options={kind === 'township' ? units.townships : units.supervising}
      loading={units.isLoading}
      search
    />
  );
}

/** The ListTable's filterLabels for the unit filters: each chosen unit named in 当前筛选. */
export function unitFilterLabels(
  units: UnitChoices,
  labels: { township: string; supervising?: string },
): FilterLabels {
  const out: FilterLabels = { townshipId: { label: labels.township, value: optionText(units.townships) } };
  if (labels.supervising) {
    out.supervisingUnitId = { label: labels.supervising, value: optionText(units.supervising) };
  }
  return out;
}

export type DateRangeValue = [Dayjs | null, Dayjs | null] | null;

const DATE = 'YYYY-MM-DD';

/** The range picker's value for the list state's from/to dates (YYYY-MM-DD). */
export function dateRangeValue(from?: string, to?: string): DateRangeValue {
  return from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;
}

/** The list filters from/to for the range picker's value; either end may be open. */
export function dateRangeFilters(range: DateRangeValue | undefined): { from?: string; to?: string } {
  return { from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) };
}

const RANGE_ITEM_STYLE: CSSProperties = { minWidth: 280 };

/** A from–to date filter, either end open; the form value is a DateRangeValue (see dateRangeValue). */
export function FilterDateRange({ name, label, testId, hidden }: FieldProps) {
  return (
    <Form.Item name={name} label={label} hidden={hidden} style={RANGE_ITEM_STYLE}>
      <DatePicker.RangePicker
        format={DATE}
        allowEmpty={[true, true]}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </Form.Item>
  );
}
