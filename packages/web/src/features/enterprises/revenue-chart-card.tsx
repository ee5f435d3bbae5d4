// The firm's revenue by month and source, this year against last year, monthly or cumulative against
// the pace to the annual threshold.
import { formatWan } from '@shenggui/domain';
import { Card, Empty, Segmented, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import type { RevenueFact } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { EChart } from '../../components/echart';
import {
  buildRevenueChartOption,
  type RevenueChartLabels,
  type RevenueChartMode,
  revenueChartLabels,
  yearsWithData,
} from '../../lib/revenue-chart-option';

interface RevenueChartCardProps {
  facts: RevenueFact[];
  year: number;
  onYearChange: (year: number) => void;
  mode: RevenueChartMode;
  onModeChange: (mode: RevenueChartMode) => void;
  thresholdYuan: number;
  loading: boolean;
}

export function RevenueChartCard(props: RevenueChartCardProps) {
  const { facts, year, onYearChange, mode, onModeChange, thresholdYuan, loading } = props;
  const { t, lang } = useI18n();
  const years = useMemo(() => {
    const set = new Set(yearsWithData(facts));
    set.add(year);
    return [...set].sort((a, b) => b - a);
  }, [facts, year]);

  const labels = useMemo<RevenueChartLabels>(() => revenueChartLabels(lang), [lang]);
  const option = useMemo(
    () => buildRevenueChartOption({ facts, year, mode, thresholdYuan, labels }),
    [facts, year, mode, thresholdYuan, labels],
  );
  const hasYearData = facts.some(
    (f) => f.isCurrent && (f.period.startsWith(`${year}-`) || f.period.startsWith(`${year - 1}-`)),
  );

  return (
    <Card
      title={t('revenue.chartTitle')}
      loading={loading}
      extra={
        <Space wrap>
          <Select<number>
            size="small"
            value={year}
            onChange={onYearChange}
            options={years.map((y) => ({ value: y, label: t('revenue.yearOption', { year: y }) }))}
            style={{ width: 110 }}
            data-testid="revenue-year"
          />
          <Segmented<RevenueChartMode>
            size="small"
            value={mode}
            onChange={onModeChange}
            options={[
              { value: 'monthly', label: t('revenue.monthly') },
              { value: 'cumulative', label: t('revenue.cumulative') },
            ]}
            data-testid="revenue-mode"
          />
        </Space>
      }
    >
      <div data-testid="revenue-chart">
        {hasYearData ? (
          <EChart option={option} height={340} aria-label={t('revenue.chartTitle')} />
        ) : (
          <Empty description={t('revenue.chartEmpty', { year })} />
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {mode === 'cumulative'
          ? t('revenue.cumulativeNote', { threshold: formatWan(thresholdYuan) })
          : t('revenue.monthlyNote', { monthly: formatWan(thresholdYuan / 12) })}
      </Typography.Paragraph>
    </Card>
  );
}
