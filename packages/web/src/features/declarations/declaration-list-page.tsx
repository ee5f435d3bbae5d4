// 申报管理 › 申报列表 (/declarations/list): every declaration in the user's scope — filters (year, state,
// batch, township) above, paging below, export to Excel; all state in the URL. Each row opens its declaration.
import { SearchOutlined } from '@ant-design/icons';
import { DECLARATION_STATE_LABELS, DECLARATION_STATES, type DeclarationState } from '@shenggui/domain';
import { Button, Card, Col, Empty, Form, Row, Select, Space, Table, type TableProps, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DeclarationView } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { ADMIN_PAGE_SIZES, withNewFilters } from '../../lib/admin-filters';
import { formatDate } from '../../lib/format';
import { planYear } from '../../lib/today';
import { useUnitOptions } from '../org/org-api';
import { downloadDeclarationExport, useDeclarationCalendar, useDeclarationList } from './declaration-api';
import { STATE_COLORS } from './declaration-board-page';
import {
  countDeclarationListFilters,
  type DeclarationListFilters,
  type DeclarationListState,
  declarationExportQuery,
  declarationListApiQuery,
  declarationListSearch,
  parseDeclarationListSearch,
} from './declaration-list-filters';

function FilterForm({
  state,
  onSubmit,
}: {
  state: DeclarationListState;
  onSubmit: (f: DeclarationListFilters) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeclarationListFilters>();
  const thisYear = planYear();
  const year = Form.useWatch('year', form);
  const calendar = useDeclarationCalendar(year ?? thisYear);
  const { townships } = useUnitOptions();
  useEffect(() => {
    form.setFieldsValue({
      year: state.year,
      state: state.state,
      batch: state.batch,
      townshipId: state.townshipId,
    });
  }, [form, state]);
  const span = { xs: 24, sm: 12, lg: 5 };
  return (
    <Card className="sg-filter-card" size="small" style={{ marginBottom: 16 }}>
      <Form<DeclarationListFilters>
        form={form}
        layout="vertical"
        onFinish={onSubmit}
        data-testid="declaration-list-filter"
      >
        <Row gutter={16}>
          <Col {...span}>
            <Form.Item name="year" label={t('decl.list.year')}>
              <Select
                allowClear
                placeholder={t('filter.all')}
                options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
                  value: y,
                  label: t('decl.yearOption', { year: y }),
                }))}
                data-testid="declaration-list-year"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="state" label={t('decl.list.state')}>
              <Select<DeclarationState>
                allowClear
                placeholder={t('filter.all')}
                options={DECLARATION_STATES.map((s) => ({ value: s, label: DECLARATION_STATE_LABELS[s] }))}
                data-testid="declaration-list-state"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="batch" label={t('decl.batch')}>
              <Select
                allowClear
                placeholder={t('filter.all')}
                options={(calendar.data?.batches ?? []).map((b) => ({ value: b.key, label: b.name }))}
                data-testid="declaration-list-batch"
              />
            </Form.Item>
          </Col>
          {townships.length > 1 && (
            <Col {...span}>
              <Form.Item name="townshipId" label={t('decl.list.township')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('filter.all')}
                  options={townships}
                  data-testid="declaration-list-township"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12} lg={4}>
            <Form.Item label=" ">
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                  data-testid="declaration-list-submit"
                >
                  {t('action.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    onSubmit({});
                  }}
                >
                  {t('action.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

export function DeclarationListPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseDeclarationListSearch(searchParams), [searchParams]);
  const list = useDeclarationList(useMemo(() => declarationListApiQuery(state), [state]));
  const go = (next: DeclarationListState) => setSearchParams(declarationListSearch(next));
  const filtered = countDeclarationListFilters(state) > 0;

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
        subtitle={
          list.data
            ? t('decl.list.total', { total: list.data.total.toLocaleString('en-US') })
            : t('decl.list.subtitle')
        }
        actions={
          <ExportButton
            onExport={() => downloadDeclarationExport(declarationExportQuery(state))}
            disabled={list.data?.total === 0}
            testId="declaration-list-export"
          />
        }
      />
      <FilterForm state={state} onSubmit={(f) => go(withNewFilters(state, f))} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="declaration-list-table">
          <Table<DeclarationView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1100 }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : filtered ? (
                <Empty description={t('decl.list.emptyFiltered')}>
                  <Button onClick={() => go({ page: 1, pageSize: state.pageSize })}>
                    {t('list.clearFilters')}
                  </Button>
                </Empty>
              ) : (
                <Empty description={t('decl.list.empty')} />
              ),
            }}
            onChange={(p) => {
              const pageSize = p.pageSize ?? state.pageSize;
              go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : (p.current ?? 1) });
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: ADMIN_PAGE_SIZES.map(String),
              showTotal: (total) => t('decl.list.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
    </>
  );
}
