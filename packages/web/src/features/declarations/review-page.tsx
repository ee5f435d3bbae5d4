// 复核清单 (/review, the centre and the auditor): entries that did not come through a declaration, entries
// or exits with an unusual effective period, overrides of blocking checks and withdrawn declarations —
// each with who, when and why. Filters and paging in the URL, export to Excel.
import { SearchOutlined } from '@ant-design/icons';
import { REVIEW_KIND_LABELS, REVIEW_KINDS, type ReviewKind } from '@shenggui/domain';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ReviewItem } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/export-button';
import { PageHeader } from '../../components/page-header';
import { ADMIN_PAGE_SIZES } from '../../lib/admin-filters';
import { formatDateTime } from '../../lib/format';
import { planYear } from '../../lib/today';
import { downloadReviewExport, useReviewList } from './declaration-api';
import {
  parseReviewSearch,
  type ReviewFilters,
  type ReviewListState,
  reviewFilterQuery,
  reviewSearch,
} from './review-filters';

const KIND_COLORS: Record<ReviewKind, string> = {
  direct_entry: 'blue',
  unusual_period: 'orange',
  override: 'purple',
  withdrawn: 'default',
};

function FilterForm({ state, onSubmit }: { state: ReviewListState; onSubmit: (f: ReviewFilters) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReviewFilters>();
  const thisYear = planYear();
  useEffect(() => {
    form.setFieldsValue({ kind: state.kind, year: state.year, q: state.q });
  }, [form, state]);
  const span = { xs: 24, sm: 12, lg: 6 };
  return (
    <Card className="sg-filter-card" size="small" style={{ marginBottom: 16 }}>
      <Form<ReviewFilters>
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit({ ...v, q: v.q?.trim() || undefined })}
        data-testid="review-filter"
      >
        <Row gutter={16}>
          <Col {...span}>
            <Form.Item name="kind" label={t('review.kind')}>
              <Select
                allowClear
                placeholder={t('review.allKinds')}
                options={REVIEW_KINDS.map((k) => ({ value: k, label: REVIEW_KIND_LABELS[k] }))}
                data-testid="review-kind"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="year" label={t('review.year')}>
              <Select
                allowClear
                placeholder={t('review.allYears')}
                options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({
                  value: y,
                  label: t('decl.yearOption', { year: y }),
                }))}
                data-testid="review-year"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="q" label={t('review.q')}>
              <Input allowClear maxLength={50} data-testid="review-q" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label=" ">
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                  data-testid="review-submit"
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

export function ReviewPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseReviewSearch(searchParams), [searchParams]);
  const list = useReviewList(useMemo(() => reviewSearch(state), [state]));
  const go = (next: ReviewListState) => setSearchParams(reviewSearch(next));

  const columns: TableProps<ReviewItem>['columns'] = [
    {
      title: t('review.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: ReviewKind, r) => <Tag color={KIND_COLORS[k]}>{r.kindLabel}</Tag>,
    },
    {
      title: t('review.col.firm'),
      dataIndex: 'enterpriseName',
      width: 220,
      render: (name: string, r) => (
        <div>
          <Link to={r.link} data-testid="review-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.townshipName} · {r.creditCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('review.col.subject'), dataIndex: 'subject' },
    {
      title: t('review.col.reason'),
      dataIndex: 'reason',
      width: 240,
      render: (v: string | null) =>
        v ? (
          <span data-testid="review-reason">{v}</span>
        ) : (
          <Typography.Text type="warning">{t('review.noReason')}</Typography.Text>
        ),
    },
    {
      title: t('review.col.who'),
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('review.col.when'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.review')}
        subtitle={
          list.data
            ? t('review.total', { total: list.data.total.toLocaleString('en-US') })
            : t('review.subtitle')
        }
        actions={
          <ExportButton
            onExport={() => downloadReviewExport(reviewFilterQuery(state))}
            disabled={list.data?.total === 0}
            testId="review-export"
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('review.subtitle')}</Typography.Paragraph>
      <FilterForm state={state} onSubmit={(f) => go({ ...f, page: 1, pageSize: state.pageSize })} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="review-table">
          <Table<ReviewItem>
            rowKey="key"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1100 }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('review.empty')} /> }}
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
              showTotal: (total) => t('review.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
    </>
  );
}
