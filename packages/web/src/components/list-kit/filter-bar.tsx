// The filter bar above a list: an inline antd form whose fields the page gives as Form.Items; 查询 writes
// the values into the URL (page 1), 重置 clears them. The URL is the truth: back/forward and shared links
// put their filters back into the form. On a phone every field takes the whole width. ListFilterBar is the
// same bar wired to a list's URL state when the form's values are the list's filters as they are.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, type FormInstance, Space } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n';
import type { ListQuery } from './list-query';
import type { ListFiltersOf, ListUrlState } from './use-list-query';
import './list-kit.css';

interface FilterBarProps<V extends object> {
  /** The form's values for the current URL state. */
  values: V;
  onSubmit: (values: V) => void;
  onReset: () => void;
  /** data-testid of the form; its buttons get `<testId>-submit` and `<testId>-reset` unless given. */
  testId: string;
  submitTestId?: string;
  resetTestId?: string;
  /** An outside form instance (for Form.useWatch in the page's fields). */
  form?: FormInstance<V>;
  /** Shown after the buttons (a tag for a filter set elsewhere, a 更多条件 toggle). */
  extra?: ReactNode;
  children: ReactNode;
}

export function FilterBar<V extends object>({
  values,
  onSubmit,
  onReset,
  testId,
  submitTestId,
  resetTestId,
  form: outer,
  extra,
  children,
}: FilterBarProps<V>) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = outer ?? own;
  // Keyed on the values' text so that a page may build them on every render without wiping what is typed.
  const key = JSON.stringify(values);
  const latest = useRef(values);
  latest.current = values;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the values
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(latest.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, key]);
  return (
    <Card className="sg-filter-card" size="small" style={{ marginBottom: 16 }}>
      <Form<V> form={form} layout="inline" className="sg-filter-bar" onFinish={onSubmit} data-testid={testId}>
        {children}
        <Form.Item className="sg-filter-bar-actions">
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SearchOutlined />}
              data-testid={submitTestId ?? `${testId}-submit`}
            >
              {t('action.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onReset();
              }}
              data-testid={resetTestId ?? `${testId}-reset`}
            >
              {t('action.reset')}
            </Button>
            {extra}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

// biome-ignore lint/suspicious/noExplicitAny: any list's query (the filters' type comes from it).
type ListFilterBarProps<Q extends ListQuery<any>> = { list: ListUrlState<Q> } & Omit<
  FilterBarProps<ListFiltersOf<Q>>,
  'values' | 'onSubmit' | 'onReset'
>;

/** The FilterBar of a list whose form fields are its filters: values from the URL, 查询 → setFilters, 重置 → reset. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function ListFilterBar<Q extends ListQuery<any>>({ list, ...rest }: ListFilterBarProps<Q>) {
  return (
    <FilterBar<ListFiltersOf<Q>>
      values={list.query.filtersOf(list.state) as ListFiltersOf<Q>}
      onSubmit={list.setFilters}
      onReset={list.reset}
      {...rest}
    />
  );
}
