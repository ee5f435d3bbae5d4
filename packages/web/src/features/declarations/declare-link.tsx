// 发起申报 where a firm is shown (library list, firm page): offered only when the domain's rule lets the firm
// be declared at all (declarationBlockers); otherwise the action is disabled and its tooltip says why.
import { declarationBlockers } from '@shenggui/domain';
import { Button, Tooltip } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';

export function DeclareLink({
  enterpriseId,
  firm,
  year,
  button = false,
  testId,
}: {
  enterpriseId: number;
  /** The firm's scale status and legal form; while unknown the link is offered and the form judges. */
  firm: { scaleStatus: string; legalForm: string } | null | undefined;
  year: number;
  button?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const blockers = firm ? declarationBlockers(firm, year) : [];
  if (blockers.length > 0)
    return (
      <Tooltip title={blockers.map((b) => b.message).join('；')}>
        <Button size="small" type={button ? 'primary' : 'link'} disabled data-testid={testId}>
          {t('decl.start')}
        </Button>
      </Tooltip>
    );
  const to = `/declarations/new?enterpriseId=${enterpriseId}`;
  return button ? (
    <Link to={to} data-testid={testId}>
      <Button size="small" type="primary">
        {t('decl.start')}
      </Button>
    </Link>
  ) : (
    <Link to={to} data-testid={testId}>
      {t('decl.start')}
    </Link>
  );
}
