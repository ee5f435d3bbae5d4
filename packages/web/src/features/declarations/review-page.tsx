// 复核清单 (/review, the centre and the auditor): entries that did not come through a declaration, entries
// or exits with an unusual effective period, overrides of blocking checks and withdrawn declarations —
// each with who, when and why. Filters and paging in the URL, export to Excel.
import { REVIEW_KIND_LABELS, REVIEW_KINDS, type ReviewKind } from '@shenggui/domain';
import { Empty, type TableProps, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ReviewItem } from '../../api/types';
import { useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterText,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  ListTable,
  listSummary,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { planYear } from '../../lib/today';
import { downloadReviewExport, useReviewList } from './declaration-api';
import { reviewListQuery } from './review-filters';

const KIND_COLORS: Record<ReviewKind, string> = {
  direct_entry: 'blue',
  unusual_period: 'orange',
  override: 'purple',
  withdrawn: 'default',
};

export function ReviewPage() {
  const { t } = useI18n();
  const query = useListQuery(reviewListQuery);
  const list = useReviewList(query.apiQuery);
  const totalText = (total: string) => t('review.total', { total });
  const thisYear = planYear();

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
        subtitle={listSummary(list.data, totalText, t('review.subtitle'))}
        actions={
          <ListExportButton
            list={query}
            download={downloadReviewExport}
            total={list.data?.total}
            testId="review-export"
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('review.subtitle')}</Typography.Paragraph>
      <ListFilterBar list={query} testId="review-filter" submitTestId="review-submit">
        <FilterSelect
          name="kind"
          label={t('review.kind')}
          placeholder={t('review.allKinds')}
          options={REVIEW_KINDS.map((k) => ({ value: k, label: REVIEW_KIND_LABELS[k] }))}
          testId="review-kind"
        />
        <FilterYearSelect
          name="year"
          label={t('review.year')}
          placeholder={t('review.allYears')}
          years={yearsDown(thisYear + 1, 5)}
          yearLabel={(year) => t('decl.yearOption', { year })}
          testId="review-year"
        />
        <FilterText name="q" label={t('review.q')} maxLength={50} testId="review-q" />
      </ListFilterBar>
      <ListTable<ReviewItem>
        list={query}
        result={list}
        rowKey="key"
        columns={columns}
        testId="review-table"
        scrollX={1100}
        totalText={totalText}
        empty={<Empty description={t('review.empty')} />}
        emptyFiltered={t('review.empty')}
        filterLabels={{
          kind: { label: t('review.kind'), value: (v) => REVIEW_KIND_LABELS[v as ReviewKind] },
          year: { label: t('review.year') },
          q: { label: t('review.q') },
        }}
      />
    </>
  );
}
