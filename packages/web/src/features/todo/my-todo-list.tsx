// The general to-do items of GET /todo: deadlines coming up and declarations waiting for this user, each
// with its link. 达规未入统 firms are listed by the card's own section (with their figures), so not here.
import { ClockCircleOutlined, FileDoneOutlined, RightOutlined } from '@ant-design/icons';
import { List, Tag } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMyTodo } from '../declarations/declaration-api';

export function MyTodoList() {
  const { t } = useI18n();
  const todo = useMyTodo();
  const items = (todo.data ?? []).filter((i) => i.kind !== 'unreported');
  if (items.length === 0) return null;
  return (
    <List
      size="small"
      data-testid="todo-mine"
      style={{ marginBottom: 12 }}
      dataSource={items}
      renderItem={(item) => (
        <List.Item
          data-testid="todo-item"
          data-kind={item.kind}
          actions={[
            <Link key="go" to={item.link}>
              {t('todo.handle')} <RightOutlined />
            </Link>,
          ]}
        >
          <List.Item.Meta
            avatar={item.kind === 'deadline' ? <ClockCircleOutlined /> : <FileDoneOutlined />}
            title={<Link to={item.link}>{item.title}</Link>}
            description={
              item.due ? (
                <Tag color={item.kind === 'deadline' ? 'orange' : 'blue'}>
                  {t('todo.due', { date: formatDate(item.due) })}
                </Tag>
              ) : undefined
            }
          />
        </List.Item>
      )}
    />
  );
}
