// 工作台 › 待办事项: what needs the user now. The centre sees the 达规未入统 firms (below scale, but this
// year's tax revenue already reaches the threshold); deadlines, declarations and a bureau's missing month of
// figures come from GET /todo. A role with nothing waiting (a leader, a bureau up to date) is told so.
import { RightOutlined } from '@ant-design/icons';
import { formatWan } from '@shenggui/domain';
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatPeriod } from '../../lib/format';
import { usePermissions } from '../auth/session';
import { useMyTodo } from '../declarations/declaration-api';
import { useUnreported } from '../libraries/library-api';
import { MyTodoList, mineOf } from './my-todo-list';

export function TodoCard() {
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const unreported = useUnreported(can('enterprise:write'));
  const items = unreported.data?.items ?? [];
  const todo = useMyTodo();
  const pending = todo.isPending || (can('enterprise:write') && unreported.isPending);
  // Nothing waiting is said only when the list came back (a failed request is reported, not read as empty).
  const nothing =
    !pending &&
    todo.isSuccess &&
    mineOf(todo.data).length === 0 &&
    (!can('enterprise:write') || items.length === 0);

  if (todo.isPending)
    return (
      <Card title={t('todo.title')} size="small" data-testid="todo-card">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  return (
    <Card title={t('todo.title')} size="small" data-testid="todo-card">
      {nothing && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.none')} data-testid="todo-empty" />
      )}
      <MyTodoList />
      {!nothing &&
        can('enterprise:write') &&
        (unreported.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : items.length > 0 ? (
          <div data-testid="todo-unreported">
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              <Tag color="red">{t('todo.unreportedTag')}</Tag>
              {t('todo.unreportedIntro', {
                year: unreported.data?.year ?? '',
                threshold: Math.round(Number(unreported.data?.threshold ?? 0) / 10_000),
              })}
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={items}
              renderItem={(item) => (
                <List.Item
                  data-testid="todo-unreported-item"
                  actions={[
                    <Link key="go" to={`/enterprises/${item.enterpriseId}`}>
                      {t('todo.handle')} <RightOutlined />
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={<Link to={`/enterprises/${item.enterpriseId}`}>{item.name}</Link>}
                    description={t('todo.unreportedLine', {
                      township: item.townshipName,
                      value: formatWan(item.taxRevenue),
                      months: item.taxMonths,
                      period: formatPeriod(item.lastPeriod, lang),
                    })}
                  />
                </List.Item>
              )}
            />
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.unreportedNone')} />
        ))}
    </Card>
  );
}
