// The firm page's 包联与走访 card: the firm's lead (or 未确定), its last five visits by any unit, and the two
// actions a unit takes from a firm: 新增走访 and 提出诉求.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { officialsText, PurposeTag } from './visit-labels';
import { useEnterpriseLead, useEnterpriseVisits } from './visits-api';

export function FirmServiceCard({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const lead = useEnterpriseLead(enterpriseId);
  const visits = useEnterpriseVisits(enterpriseId);
  const last = (visits.data ?? []).filter((v) => !v.voided).slice(0, 5);
  const current = lead.data?.current;
  return (
    <Card
      title={t('firmService.title')}
      data-testid="firm-service-card"
      loading={lead.isPending || visits.isPending}
      extra={
        <Can permission="service:write">
          <Space wrap>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/service/visits/new?enterpriseId=${enterpriseId}`)}
              data-testid="firm-new-visit"
            >
              {t('firmService.newVisit')}
            </Button>
            <Button
              size="small"
              onClick={() => navigate(`/service/requests/new?enterpriseId=${enterpriseId}`)}
              data-testid="firm-raise-request"
            >
              {t('firmService.raise')}
            </Button>
          </Space>
        </Can>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('firmService.lead')}>
          {current ? (
            <span data-testid="firm-lead">
              {current.unitName} · {current.name}
              {current.phone ? ` · ${current.phone}` : ''}
            </span>
          ) : (
            <Tag color="warning" data-testid="firm-lead-none">
              {t('firmService.noLead')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('firmService.visits')}
      </Typography.Title>
      {last.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firmService.noVisits')} />
      ) : (
        <List
          size="small"
          dataSource={last}
          renderItem={(v) => (
            <List.Item data-testid="firm-visit">
              <div style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <Link to={`/service/visits/${v.id}`}>{v.visitedOn}</Link>
                  <PurposeTag v={v} />
                  <Typography.Text type="secondary">{officialsText(v)}</Typography.Text>
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 1, tooltip: v.findings }} style={{ marginBottom: 0 }}>
                  {v.findings}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
      {(visits.data?.length ?? 0) > 5 && (
        <Link to={`/service/visits?enterpriseId=${enterpriseId}`}>{t('firmService.allVisits')}</Link>
      )}
    </Card>
  );
}
