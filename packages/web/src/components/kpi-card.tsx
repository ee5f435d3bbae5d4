// A key figure on a card (进度看板, 服务工作量): a title, the figure, and a line beneath.
import { Card } from 'antd';
import type { ReactNode } from 'react';
import './kpi-card.css';

export function KpiCard({
  title,
  testId,
  children,
  footer,
}: {
  title: ReactNode;
  testId: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Card size="small" className="sg-kpi" data-testid={testId}>
      <div className="sg-kpi-title">{title}</div>
      <div className="sg-kpi-value">{children}</div>
      {footer && <div className="sg-kpi-footer">{footer}</div>}
    </Card>
  );
}
