// The general to-do items of GET /todo: deadlines coming up, declarations waiting for this user and a
// bureau's month of figures not yet imported, each with its link. 达规未入统 firms are listed by the card's own section (with their figures), so not here.
import {
  AlertOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  MedicineBoxOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { List, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TodoItem } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useMyTodo } from '../declarations/declaration-api';

/** The items this list shows: all but 达规未入统, which the card lists with their figures. */
export const mineOf = (items: readonly TodoItem[] | undefined) =>
  (items ?? []).filter((i) => i.kind !== 'unreported');

const AVATARS: Record<Exclude<TodoItem['kind'], 'unreported'>, ReactNode> = {
  deadline: <ClockCircleOutlined />,
  declaration: <FileDoneOutlined />,
  figures: <CloudUploadOutlined />,
  lead: <TeamOutlined />,
  request: <AlertOutlined />,
  helpPlan: <MedicineBoxOutlined />,
  supervision: <SafetyCertificateOutlined />,
};

export function MyTodoList() {
  const { t } = useI18n();
  const todo = useMyTodo();
  const items = mineOf(todo.data);
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
            avatar={item.kind === 'unreported' ? null : AVATARS[item.kind]}
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
