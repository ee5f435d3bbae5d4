// 工作台: who you are, what you see, and the counts of firms in your scope with links into the lists.
// The to-do list and progress card come with later slices (docs/ui.md).
import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { roleLabel, scopeLabel, unitKindLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { useMe, useMeta, usePermissions } from '../auth/session';
import { useEnterpriseCount } from '../enterprises/enterprise-api';
import { TodoCard } from '../todo/todo-card';

function CountCard({
  title,
  filter,
  to,
  testId,
}: {
  title: string;
  filter: Record<string, string>;
  to: string;
  testId: string;
}) {
  const { t } = useI18n();
  const count = useEnterpriseCount(filter);
  return (
    <Card className="sg-stat-card" data-testid={testId}>
      {count.isPending ? (
        <Skeleton active paragraph={false} />
      ) : (
        <Statistic
          title={title}
          value={count.data?.total ?? '—'}
          suffix={count.data ? t('home.firmsUnit') : undefined}
        />
      )}
      <Link to={to} style={{ display: 'inline-block', marginTop: 8 }}>
        {t('home.viewList')} <ArrowRightOutlined />
      </Link>
    </Card>
  );
}

export function HomePage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  const { data: meta } = useMeta();
  const { can } = usePermissions();
  if (!me) return null;
  const { user, scope } = me;
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: user.displayName })}
        subtitle={meta?.countyName ? t('home.subtitle', { county: meta.countyName }) : t('app.subtitle')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={t('home.myUnit')} size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                { key: 'unit', label: t('home.unit'), children: user.unit.name },
                { key: 'kind', label: t('home.unitKind'), children: unitKindLabel(lang, user.unit.kind) },
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: user.roles.map((r) => roleLabel(lang, r)).join('、'),
                },
                { key: 'scope', label: t('home.scope'), children: scopeLabel(lang, scope.kind) },
              ]}
            />
          </Card>
        </Col>
        {can('enterprise:read') && (
          <Col xs={24}>
            <TodoCard />
          </Col>
        )}
        {can('enterprise:read') ? (
          <>
            <Col xs={24} md={8}>
              <CountCard
                title={t('home.totalFirms')}
                filter={{}}
                to="/enterprises"
                testId="home-count-total"
              />
            </Col>
            <Col xs={24} md={8}>
              <CountCard
                title={t('home.aboveFirms')}
                filter={{ scaleStatus: 'above' }}
                to="/enterprises?scaleStatus=above"
                testId="home-count-above"
              />
            </Col>
            <Col xs={24} md={8}>
              <CountCard
                title={t('home.belowFirms')}
                filter={{ scaleStatus: 'below' }}
                to="/enterprises?scaleStatus=below"
                testId="home-count-below"
              />
            </Col>
          </>
        ) : (
          <Col xs={24}>
            <Card>
              <Typography.Text type="secondary">{t('home.noFirmAccess')}</Typography.Text>
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
