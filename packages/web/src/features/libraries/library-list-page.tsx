// 企业库 › 基础库 · 培育库 · 临规 · 临退规 (/libraries/:library): the firms a library holds for a year, with
// why they are there, the forecast, the pathway and the tier. Filters and paging live in the URL.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  canCreateDeclaration,
  formatWan,
  type Library,
  PATHWAYS,
  type Pathway,
  TIERS,
} from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Empty,
  Input,
  Modal,
  Result,
  Space,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import type { LibraryMember } from '../../api/types';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterText,
  FilterUnitSelect,
  FilterYearSelect,
  formatTotal,
  ListExportButton,
  ListFilterBar,
  ListTable,
  type ListUrlState,
  unitFilterLabels,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatDateTime } from '../../lib/format';
import { compareTier, formatProbability, isLibrary, libraryListQuery } from '../../lib/library-filters';
import { planYear } from '../../lib/today';
import { useMe, usePermissions } from '../auth/session';
import { DeclareLink } from '../declarations/declare-link';
import { useUnitOptions } from '../org/org-api';
import { downloadLibraryExport, useLibraryList, useRecomputeLibraryYear } from './library-api';
import { libraryLabel, pathwayLabel, TIER_COLORS } from './library-labels';
import { MembershipModal, type MembershipTarget } from './membership-modal';

const MENU_KEYS = {
  base: 'menu.libraries.base',
  cultivation: 'menu.libraries.cultivation',
  near: 'menu.libraries.near',
  atRisk: 'menu.libraries.atRisk',
} as const;
const EXPLAIN_KEYS = {
  base: 'lib.explain.base',
  cultivation: 'lib.explain.cultivation',
  near: 'lib.explain.near',
  atRisk: 'lib.explain.atRisk',
} as const;

function LibraryFilterBar({
  list,
  shownYear,
}: {
  list: ListUrlState<typeof libraryListQuery>;
  shownYear?: number;
}) {
  const { t, lang } = useI18n();
  const units = useUnitOptions();
  return (
    <ListFilterBar list={list} testId="library-filters" submitTestId="library-filter-submit">
      <FilterYearSelect
        name="year"
        label={t('lib.filter.year')}
        years={yearsDown(planYear() + 1, 6)}
        placeholder={shownYear ? String(shownYear) : undefined}
        testId="library-filter-year"
      />
      <FilterText
        name="q"
        label={t('filter.keyword')}
        maxLength={100}
        placeholder={t('filter.keywordPlaceholder')}
        testId="library-filter-q"
      />
      <FilterUnitSelect
        units={units}
        kind="township"
        label={t('field.township')}
        testId="library-filter-township"
      />
      <FilterUnitSelect
        units={units}
        kind="supervising"
        label={t('field.supervisingUnit')}
        testId="library-filter-supervising"
      />
      <FilterSelect
        name="tier"
        label={t('lib.col.tier')}
        options={TIERS.map((x) => ({ value: x, label: x }))}
        testId="library-filter-tier"
      />
      <FilterSelect
        name="pathway"
        label={t('lib.col.pathway')}
        options={PATHWAYS.map((p) => ({ value: p, label: pathwayLabel(lang, p) }))}
        testId="library-filter-pathway"
      />
    </ListFilterBar>
  );
}

export function LibraryListPage() {
  const params = useParams();
  const { t } = useI18n();
  if (!isLibrary(params.library)) {
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFoundPage')} />;
  }
  return <LibraryList key={params.library} library={params.library} />;
}

/** The centre's recompute of the shown year, with a reason (a past year is frozen at its cut-off). */
function RecomputeButton({ year }: { year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const recompute = useRecomputeLibraryYear();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="library-recompute">
        {t('lib.recompute')}
      </Button>
      <Modal
        open={open}
        title={t('lib.recomputeTitle', { year })}
        onCancel={() => setOpen(false)}
        confirmLoading={recompute.isPending}
        okButtonProps={
          { disabled: reason.trim().length < 2, 'data-testid': 'library-recompute-ok' } as ButtonProps
        }
        onOk={() =>
          recompute
            .mutateAsync({ year, reason })
            .then((r) => {
              message.success(
                t('lib.recomputeDone', {
                  year: r.year,
                  entered: r.entered,
                  left: r.left,
                  members: r.members,
                }),
              );
              setOpen(false);
              setReason('');
            })
            .catch(reportError)
        }
      >
        <Typography.Paragraph type="secondary">{t('lib.recomputeHint')}</Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder={t('lib.recomputeReason')}
          data-testid="library-recompute-reason"
        />
      </Modal>
    </>
  );
}

function LibraryList({ library }: { library: Library }) {
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const mayDeclare = canCreateDeclaration(useMe().data?.user.roles ?? []);
  const query = useListQuery(libraryListQuery);
  const { state } = query;
  const list = useLibraryList(library, query.apiQuery);
  const units = useUnitOptions();
  const [target, setTarget] = useState<MembershipTarget | null>(null);
  const year = list.data?.year ?? state.year ?? planYear();
  const title = t(MENU_KEYS[library]);

  const money = (v: string | null) => <span className="sg-money">{formatWan(v)}</span>;
  const columns: TableProps<LibraryMember>['columns'] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      fixed: 'left',
      render: (name: string, row) => (
        <Link to={`/enterprises/${row.enterpriseId}`} data-testid="library-firm-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('lib.col.reasons'),
      dataIndex: 'reasons',
      key: 'reasons',
      width: 300,
      // Next to the name, so it is in view beside the fixed columns at 1440 px; one line per reason, cut
      // with an ellipsis and whole on hover.
      render: (reasons: string[], row) => (
        <div data-testid="library-reasons" style={{ maxWidth: 284 }}>
          {row.manual && <Tag color="orange">{t('lib.manualTag')}</Tag>}
          {reasons.map((r) => (
            <Typography.Text
              key={r}
              ellipsis={{ tooltip: r }}
              style={{ display: 'block', fontSize: 13, lineHeight: 1.5 }}
            >
              · {r}
            </Typography.Text>
          ))}
        </div>
      ),
    },
    {
      title: t('lib.col.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 165,
      render: (c: string) => <span style={{ fontFamily: 'monospace', fontSize: 13 }}>{c}</span>,
    },
    { title: t('field.township'), dataIndex: 'townshipName', key: 'township', width: 80 },
    { title: t('field.supervisingUnit'), dataIndex: 'supervisingUnitName', key: 'supervising', width: 100 },
    {
      title: t('lib.col.priorYear'),
      dataIndex: 'priorYearRevenue',
      key: 'prior',
      width: 130,
      align: 'right',
      // A prior year with fewer than twelve months of figures says which ones (e.g. 7-12月，6个月).
      render: (v: string | null, row) => (
        <span className="sg-money">
          {formatWan(v)}
          {row.priorYearLabel?.includes('（') && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, display: 'block' }}
              data-testid="library-prior-partial"
            >
              {row.priorYearLabel.slice(row.priorYearLabel.indexOf('（'))}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('lib.col.ytd'),
      dataIndex: 'ytdRevenue',
      key: 'ytd',
      width: 130,
      align: 'right',
      render: (v: string | null, row) => (
        <span className="sg-money">
          {formatWan(v)}
          {v !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
              {t('lib.col.months', { n: row.ytdMonths })}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('lib.col.projected'),
      dataIndex: 'projectedRevenue',
      key: 'projected',
      width: 120,
      align: 'right',
      render: money,
    },
    library === 'atRisk'
      ? {
          title: t('lib.col.pBelow'),
          dataIndex: 'pBelowYearEnd',
          key: 'p',
          width: 90,
          align: 'right',
          render: (p: number | null) => formatProbability(p),
        }
      : {
          title: t('lib.col.pReach'),
          dataIndex: 'pReachYear',
          key: 'p',
          width: 90,
          align: 'right',
          render: (p: number | null) => formatProbability(p),
        },
    {
      title: t('lib.col.pathway'),
      dataIndex: 'pathway',
      key: 'pathway',
      width: 110,
      render: (_p: unknown, row) =>
        row.pathway ? (
          <Tooltip title={row.pathwayChosen ? undefined : t('lib.pathwaySuggested')}>
            <Tag color={row.pathwayChosen ? 'geekblue' : undefined}>{pathwayLabel(lang, row.pathway)}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('lib.col.tier'),
      dataIndex: 'tier',
      key: 'tier',
      width: 70,
      sorter: (a, b) => compareTier(a.tier, b.tier),
      render: (tier: LibraryMember['tier']) =>
        tier ? (
          <Tag color={TIER_COLORS[tier]} data-testid="library-tier">
            {tier}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('lib.col.since'),
      dataIndex: 'since',
      key: 'since',
      width: 100,
      render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDate(v)}</Tooltip>,
    },
  ];
  if (can('enterprise:write')) {
    columns.push({
      title: t('lib.col.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_v, row) => (
        <Space size={0} direction="vertical">
          <Button
            type="link"
            size="small"
            danger
            icon={<MinusCircleOutlined />}
            onClick={() =>
              setTarget({ action: 'remove', enterpriseId: row.enterpriseId, name: row.name, library, year })
            }
            data-testid="library-remove"
          >
            {t('lib.remove')}
          </Button>
          {row.manual && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                setTarget({ action: 'reset', enterpriseId: row.enterpriseId, name: row.name, library, year })
              }
              data-testid="library-reset"
            >
              {t('lib.reset')}
            </Button>
          )}
          {library === 'cultivation' && mayDeclare && (
            <DeclareLink enterpriseId={row.enterpriseId} firm={row} year={year} testId="library-declare" />
          )}
        </Space>
      ),
    });
  }

  const explain = t(EXPLAIN_KEYS[library]);
  const empty = (
    <Empty
      data-testid="library-empty"
      description={
        <div style={{ maxWidth: 560, margin: '0 auto' }}>
          <div>{explain}</div>
          <Typography.Text type="secondary">{t('lib.emptyHint', { year })}</Typography.Text>
        </div>
      }
    />
  );

  return (
    <>
      <PageHeader
        title={
          <span data-testid="library-title">
            {title}
            <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>
              {libraryLabel(lang, library) !== title ? libraryLabel(lang, library) : ''}
            </Typography.Text>
          </span>
        }
        subtitle={
          list.data ? (
            <Tooltip title={explain}>
              <span data-testid="library-summary">
                {t('lib.summary', { year: list.data.year, total: formatTotal(list.data.total) })}
              </span>
            </Tooltip>
          ) : undefined
        }
        actions={
          <>
            <Can permission="library:manage">
              <RecomputeButton year={year} />
            </Can>
            <Can permission="enterprise:write">
              <Button
                icon={<PlusOutlined />}
                onClick={() => setTarget({ action: 'add', enterpriseId: null, name: '', library, year })}
                data-testid="library-add"
              >
                {t('lib.add')}
              </Button>
            </Can>
            <ListExportButton
              list={query}
              download={(q) => downloadLibraryExport(library, q, `${year}${title}.xlsx`)}
              total={list.data?.total}
              testId="library-export"
            />
          </>
        }
      />
      <LibraryFilterBar list={query} shownYear={list.data?.year} />
      {list.data && list.data.year < planYear() && (
        <Alert
          style={{ marginBottom: 12 }}
          type={list.data.frozen ? 'info' : 'warning'}
          showIcon
          data-testid="library-frozen"
          title={
            list.data.frozen
              ? t('lib.frozen', {
                  year: list.data.year,
                  asOf: list.data.frozen.asOf,
                  reason: list.data.frozen.reason,
                })
              : t('lib.notFrozen', { year: list.data.year })
          }
        />
      )}
      <ListTable<LibraryMember>
        list={query}
        result={list}
        rowKey="enterpriseId"
        columns={columns}
        testId="library-table"
        totalText={(total) => t('list.total', { total })}
        empty={empty}
        emptyFiltered={t('list.emptyFiltered')}
        filterLabels={{
          q: { label: t('filter.keyword') },
          ...unitFilterLabels(units, {
            township: t('field.township'),
            supervising: t('field.supervisingUnit'),
          }),
          tier: { label: t('lib.col.tier') },
          pathway: { label: t('lib.col.pathway'), value: (v) => pathwayLabel(lang, v as Pathway) },
        }}
      />
      <MembershipModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
