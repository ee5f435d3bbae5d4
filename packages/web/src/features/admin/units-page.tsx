// 系统管理 · 单位管理 (/admin/units): the county's units grouped by kind, with their codes; add a unit
// under the county, rename one. Codes are fixed once created (data scopes hang on them).
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { UnitKind } from '@shenggui/domain';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { applyServerError } from '../../api/form-errors';
import type { Unit } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { unitKindLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import { useUnits } from '../org/org-api';
import { useCreateUnit, useRenameUnit } from './admin-api';

/** Kinds a county office adds under the county (docs/ui.md 单位管理). */
const ADDABLE_KINDS: readonly UnitKind[] = ['township', 'zone', 'department', 'centre', 'bureau'];

interface Row {
  key: string;
  name: string;
  code?: string;
  kind?: UnitKind;
  unit?: Unit;
  count?: number;
  children?: Row[];
}

function CreateUnitModal({
  open,
  county,
  onClose,
}: {
  open: boolean;
  county: Unit | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code?: string; name?: string; kind?: UnitKind }>();
  const create = useCreateUnit();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    if (!county || !v.kind) return;
    create.mutate(
      {
        code: (v.code ?? '').trim().toUpperCase(),
        name: (v.name ?? '').trim(),
        kind: v.kind,
        parentId: county.id,
      },
      {
        onSuccess: (u) => {
          message.success(t('unit.created', { name: u.name }));
          onClose();
        },
        onError: (error) => applyServerError(form, error, ['code', 'name', 'kind']),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('unit.create')}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'unit-create-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="unit-create-form">
        <Form.Item label={t('unit.parent')}>
          <Typography.Text strong>{county?.name ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontFamily: 'monospace' }}>
            {county?.code}
          </Typography.Text>
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('unit.kind')}
          rules={[{ required: true, message: t('unit.kindRequired') }]}
        >
          <Select
            options={ADDABLE_KINDS.map((k) => ({ value: k, label: unitKindLabel(lang, k) }))}
            data-testid="unit-form-kind"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('unit.code')}
          extra={t('unit.codeHint')}
          rules={[
            { required: true, message: t('unit.codeRequired') },
            { pattern: /^[0-9A-Za-z]{6,12}$/, message: t('unit.codeFormat') },
          ]}
        >
          <Input maxLength={12} style={{ fontFamily: 'monospace' }} data-testid="unit-form-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('unit.name')}
          rules={[
            { required: true, whitespace: true, message: t('unit.nameRequired') },
            { min: 2, max: 50, message: t('unit.nameLength') },
          ]}
        >
          <Input maxLength={50} data-testid="unit-form-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameUnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name?: string }>();
  const rename = useRenameUnit();
  useEffect(() => {
    if (unit) form.setFieldsValue({ name: unit.name });
  }, [unit, form]);
  const submit = async () => {
    const v = await form.validateFields();
    if (!unit) return;
    rename.mutate(
      { id: unit.id, name: (v.name ?? '').trim() },
      {
        onSuccess: (u) => {
          message.success(t('unit.renamed', { name: u.name }));
          onClose();
        },
        onError: (error) => applyServerError(form, error, ['name']),
      },
    );
  };
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('unit.renameTitle', { name: unit.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      okButtonProps={{ loading: rename.isPending, 'data-testid': 'unit-rename-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('unit.renameHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('unit.name')}
          rules={[
            { required: true, whitespace: true, message: t('unit.nameRequired') },
            { min: 2, max: 50, message: t('unit.nameLength') },
          ]}
        >
          <Input maxLength={50} data-testid="unit-rename-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const { t, lang } = useI18n();
  const units = useUnits();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Unit | null>(null);
  const all = units.data ?? [];
  const county = all.find((u) => u.kind === 'county') ?? null;

  const rows = useMemo<Row[]>(
    () =>
      ADDABLE_KINDS.flatMap((kind) => {
        const list = all.filter((u) => u.kind === kind).sort((a, b) => a.code.localeCompare(b.code));
        if (list.length === 0) return [];
        return [
          {
            key: `kind-${kind}`,
            name: unitKindLabel(lang, kind),
            count: list.length,
            children: list.map((u) => ({
              key: String(u.id),
              name: u.name,
              code: u.code,
              kind: u.kind,
              unit: u,
            })),
          },
        ];
      }),
    [all, lang],
  );

  return (
    <>
      <PageHeader
        title={t('menu.admin.units')}
        subtitle={t('unit.subtitle')}
        actions={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            disabled={!county}
            data-testid="unit-create"
          >
            {t('unit.create')}
          </Button>
        }
      />
      {county && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'county', label: t('unit.county'), children: county.name },
              {
                key: 'code',
                label: t('unit.code'),
                children: (
                  <Typography.Text style={{ fontFamily: 'monospace' }}>{county.code}</Typography.Text>
                ),
              },
              {
                key: 'count',
                label: t('unit.count'),
                children: all.filter((u) => u.parentId === county.id).length,
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="units-table">
          <Table<Row>
            rowKey="key"
            size="middle"
            loading={units.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 640 }}
            expandable={{ expandedRowKeys: rows.map((r) => r.key), showExpandColumn: false }}
            locale={{ emptyText: units.isPending ? ' ' : <Empty description={t('unit.empty')} /> }}
            rowClassName={(r) => (r.children ? 'sg-group-row' : '')}
            columns={[
              {
                title: t('unit.name'),
                dataIndex: 'name',
                render: (name: string, r) =>
                  r.children ? (
                    <span>
                      <Typography.Text strong>{name}</Typography.Text>
                      <Tag style={{ marginLeft: 8 }}>{t('unit.kindCount', { count: r.count ?? 0 })}</Tag>
                    </span>
                  ) : (
                    <span style={{ paddingLeft: 24 }}>{name}</span>
                  ),
              },
              {
                title: t('unit.code'),
                dataIndex: 'code',
                width: 180,
                render: (v?: string) =>
                  v ? <Typography.Text style={{ fontFamily: 'monospace' }}>{v}</Typography.Text> : null,
              },
              {
                title: t('user.actions'),
                key: 'actions',
                width: 120,
                render: (_, r) =>
                  r.unit ? (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setRenaming(r.unit ?? null)}
                      data-testid="unit-rename"
                    >
                      {t('unit.rename')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </div>
      </Card>
      <CreateUnitModal open={creating} county={county} onClose={() => setCreating(false)} />
      <RenameUnitModal unit={renaming} onClose={() => setRenaming(null)} />
    </>
  );
}
