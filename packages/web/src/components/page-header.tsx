import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  tags?: ReactNode;
  actions?: ReactNode;
}

/** Page title with optional tags, a subtitle line and actions on the right (wrapping on a phone). */
export function PageHeader({ title, subtitle, tags, actions }: PageHeaderProps) {
  return (
    <div className="sg-page-header">
      <div style={{ minWidth: 0 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <h1>{title}</h1>
          {tags}
        </div>
        {subtitle && <div className="sg-page-subtitle">{subtitle}</div>}
      </div>
      {actions && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{actions}</div>}
    </div>
  );
}
