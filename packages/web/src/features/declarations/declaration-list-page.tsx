// 申报管理 › 申报列表 (/declarations/list): every declaration in the user's scope — filters (year, state,
// batch, township) above, paging below, export to Excel; all state in the URL. Each row opens its declaration.
import { DECLARATION_STATE_LABELS, DECLARATION_STATES, type DeclarationState } from '@shenggui/domain';
import { Empty, Form, type TableProps, Tag } from 'antd';
import { Link } from 'react-router';
import type { DeclarationView } from '../../api/types';
import { useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterUnitSelect,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  type ListFiltersOf,
  ListTable,
  type ListUrlState,
  listSummary,
  unitFilterLabels,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { planYear } from '../../lib/today';
import { useUnitOptions } from '../org/org-api';
import { downloadDeclarationExport, useDeclarationCalendar, useDeclarationList } from './declaration-api';
import { STATE_COLORS } from './declaration-board-page';
import { declarationListQuery } from './declaration-list-filters';

type Filters = ListFiltersOf<typeof declarationListQuery>;

function DeclarationFilterBar({ list }: { list: ListUrlState<typeof declarationListQuery> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Filters>();
  const thisYear = planYear();
  const year = Form.useWatch('year', form);
  const calendar = useDeclarationCalendar(year ?? thisYear);
  const units = useUnitOptions();
  return (
    <ListFilterBar
      list={list}
      form={form}
      testId="declaration-list-filter"
      submitTestId="declaration-list-submit"
    >
      <FilterYearSelect
        name="year"
        label={t('decl.list.year')}
        years={yearsDown(thisYear + 1, 4)}
        yearLabel={(year) => t('decl.yearOption', { year })}
        testId="declaration-list-year"
      />
      <FilterSelect
        name="state"
        label={t('decl.list.state')}
        options={DECLARATION_STATES.map((s) => ({ value: s, label: DECLARATION_STATE_LABELS[s] }))}
        testId="declaration-list-state"
      />
      <FilterSelect
        name="batch"
        label={t('decl.batch')}
        options={(calendar.data?.batches ?? []).map((b) => ({ value: b.key, label: b.name }))}
        testId="declaration-list-batch"
      />
      {units.townships.length > 1 && (
        <FilterUnitSelect
          units={units}
          kind="township"
          label={t('decl.list.township')}
          testId="declaration-list-township"
        />
      )}
    </ListFilterBar>
  );
}

export function DeclarationListPage() {
  const { t } = useI18n();
  const query = useListQuery(declarationListQuery);
  const list = useDeclarationList(query.apiQuery);
  const totalText = (total: string) => t('decl.list.total', { total });
  const units = useUnitOptions();

  const columns: TableProps<DeclarationView>['columns'] = [
    {
      title: t('field.name'),
      dataIndex: 'enterpriseName',
      ellipsis: true,
      render: (name: string, r) => (
        <Link to={`/declarations/${r.id}`} data-testid="declaration-list-link">
          {name}
        </Link>
      ),
    },
    { title: t('field.creditCode'), dataIndex: 'creditCode', width: 190 },
    { title: t('decl.list.township'), dataIndex: 'townshipName', width: 110 },
    { title: t('decl.list.supervising'), dataIndex: 'supervisingUnitName', width: 120 },
    { title: t('decl.mode'), dataIndex: 'modeLabel', width: 100 },
    { title: t('decl.batch'), dataIndex: 'batchName', width: 110 },
    {
      title: t('decl.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (v: string) => formatDate(v),
    },
    {
      title: t('decl.list.state'),
      dataIndex: 'state',
      width: 110,
      render: (s: DeclarationState, r) => <Tag color={STATE_COLORS[s]}>{r.stateLabel}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.declarations.list')}
        subtitle={listSummary(list.data, totalText, t('decl.list.subtitle'))}
        actions={
          <ListExportButton
            list={query}
            download={downloadDeclarationExport}
            total={list.data?.total}
            testId="declaration-list-export"
          />
        }
      />
      <DeclarationFilterBar list={query} />
      <ListTable<DeclarationView>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="declaration-list-table"
        scrollX={1100}
        totalText={totalText}
        empty={<Empty description={t('decl.list.empty')} />}
        emptyFiltered={t('decl.list.emptyFiltered')}
        filterLabels={{
          year: { label: t('decl.list.year') },
          state: {
            label: t('decl.list.state'),
            value: (v) => DECLARATION_STATE_LABELS[v as DeclarationState],
          },
          batch: { label: t('decl.batch') },
          ...unitFilterLabels(units, { township: t('decl.list.township') }),
        }}
      />
    </>
  );
}
