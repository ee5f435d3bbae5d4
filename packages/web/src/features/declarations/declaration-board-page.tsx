// 申报管理 › 批次看板 (/declarations/board, also /declarations?year&batch from the to-do list): per batch, one
// column per state with the firms in it; each card links to its declaration. Year and batch in the URL.
import { DECLARATION_STATE_LABELS, DECLARATION_STATES, type DeclarationState } from '@shenggui/domain';
import { Card, Empty, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type React from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { planYear } from '../../lib/today';
import { useDeclarationBoard } from './declaration-api';

export const STATE_COLORS: Record<DeclarationState, string> = {
  preparing: 'default',
  township_review: 'blue',
  centre_review: 'purple',
  submitted: 'gold',
  entered: 'green',
  returned: 'red',
  withdrawn: 'default',
};

const BOARD: React.CSSProperties = {
  display: 'grid',
  gridTemplateColumns: `repeat(${DECLARATION_STATES.length}, minmax(150px, 1fr))`,
  gap: 8,
  overflowX: 'auto',
};
const COLUMN: React.CSSProperties = { background: '#f5f6f8', borderRadius: 6, padding: 8, minHeight: 80 };
const COLUMN_TITLE: React.CSSProperties = {
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'center',
  marginBottom: 8,
};
const CARD: React.CSSProperties = {
  display: 'block',
  background: '#fff',
  border: '1px solid #e5e7eb',
  borderRadius: 4,
  padding: '6px 8px',
  marginBottom: 6,
};

export function yearFromSearch(search: URLSearchParams): number {
  const y = Number(search.get('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : planYear();
}

export function DeclarationBoardPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const year = yearFromSearch(search);
  const batch = search.get('batch')?.trim() || undefined;
  const board = useDeclarationBoard(year, batch);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'year') next.delete('batch');
    setSearch(next);
  };
  const thisYear = planYear();

  return (
    <>
      <PageHeader
        title={t('menu.declarations.board')}
        subtitle={t('decl.boardHint')}
        actions={
          <Space>
            <Select
              value={year}
              style={{ width: 110 }}
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
                value: y,
                label: t('decl.yearOption', { year: y }),
              }))}
              onChange={(y) => set('year', String(y))}
              data-testid="board-year"
            />
            {batch && (
              <Tag closable onClose={() => set('batch', undefined)} data-testid="board-batch-filter">
                {board.data?.batches[0]?.batchName ?? batch}
              </Tag>
            )}
          </Space>
        }
      />
      {board.isError ? (
        <Result status="error" title={t('decl.loadFailed')} subTitle={errorText(board.error)} />
      ) : board.isPending ? (
        <Skeleton active />
      ) : board.data.batches.length === 0 ? (
        <Card>
          <Empty description={t('decl.boardEmpty', { year })} data-testid="board-empty" />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {board.data.batches.map((b) => (
            <Card
              key={b.batch}
              size="small"
              data-testid="board-batch"
              title={
                <span>
                  {b.batchName}
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                    {t('decl.deadlineOn', { date: formatDate(b.deadline) })} ·{' '}
                    {t('decl.firmCount', { n: b.total })}
                  </Typography.Text>
                </span>
              }
            >
              <div style={BOARD}>
                {DECLARATION_STATES.map((state) => {
                  const column = b.states.find((s) => s.state === state);
                  return (
                    <div key={state} style={COLUMN} data-testid={`board-column-${state}`}>
                      <div style={COLUMN_TITLE}>
                        <Tag color={STATE_COLORS[state]}>
                          {column?.stateLabel ?? DECLARATION_STATE_LABELS[state]}
                        </Tag>
                        <span>{column?.count ?? 0}</span>
                      </div>
                      {(column?.firms ?? []).map((f) => (
                        <Link
                          key={f.declarationId}
                          to={`/declarations/${f.declarationId}`}
                          style={CARD}
                          data-testid="board-card"
                        >
                          <div>{f.enterpriseName}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {f.townshipName}
                          </Typography.Text>
                        </Link>
                      ))}
                    </div>
                  );
                })}
              </div>
            </Card>
          ))}
        </Space>
      )}
    </>
  );
}
