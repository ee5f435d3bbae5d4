// 记录督导 (/service/supervisions/new, the centre): the supervised unit, the day, the findings and up to 30
// rectification items (what, owner unit — the supervised unit unless another is chosen — person, deadline).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { chinaToday } from '../../lib/today';
import { useUnits } from '../org/org-api';
import { useCreateSupervision } from './help-api';

const DATE = 'YYYY-MM-DD';
const SUPERVISED_KINDS = ['township', 'zone', 'department', 'bureau'];

interface Values {
  unitId: number;
  heldOn: Dayjs;
  findings: string;
  items?: { description: string; ownerUnitId?: number; ownerName: string; dueOn: Dayjs }[];
}

export function SupervisionCreatePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateSupervision();
  const units = useUnits();
  const supervised = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => SUPERVISED_KINDS.includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const owners = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => [...SUPERVISED_KINDS, 'centre'].includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('sup.form.required', { field }) },
  ];
  const requiredPick = (field: string) => [{ required: true, message: t('sup.form.required', { field }) }];

  const submit = async (v: Values) => {
    try {
      const saved = await create.mutateAsync({
        unitId: v.unitId,
        heldOn: v.heldOn.format(DATE),
        findings: v.findings.trim(),
        items: (v.items ?? []).map((i) => ({
          description: i.description.trim(),
          ...(i.ownerUnitId ? { ownerUnitId: i.ownerUnitId } : {}),
          ownerName: i.ownerName.trim(),
          dueOn: i.dueOn.format(DATE),
        })),
      });
      message.success(t('sup.form.saved'));
      navigate(`/service/supervisions/${saved.id}`);
    } catch (error) {
      applyServerError(form, error, ['unitId', 'heldOn', 'findings', 'items']);
    }
  };

  return (
    <>
      <PageHeader title={t('sup.form.title')} />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ heldOn: dayjs(chinaToday()), items: [] }}
          data-testid="sup-form"
        >
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="unitId" label={t('sup.form.unit')} rules={requiredPick(t('sup.form.unit'))}>
                <Select
                  options={supervised}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="sup-form-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="heldOn"
                label={t('sup.form.heldOn')}
                rules={requiredPick(t('sup.form.heldOn'))}
              >
                <DatePicker format={DATE} style={{ width: '100%' }} data-testid="sup-form-date" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="findings" label={t('sup.form.findings')} rules={required(t('sup.form.findings'))}>
            <Input.TextArea
              autoSize={{ minRows: 4 }}
              maxLength={2000}
              showCount
              placeholder={t('sup.form.findingsPlaceholder')}
              data-testid="sup-form-findings"
            />
          </Form.Item>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Card
                size="small"
                type="inner"
                title={t('sup.form.items')}
                style={{ marginBottom: 16 }}
                extra={
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    disabled={fields.length >= 30}
                    onClick={() => add({ dueOn: dayjs(chinaToday()).add(30, 'day') })}
                    data-testid="sup-form-add-item"
                  >
                    {t('sup.form.addItem')}
                  </Button>
                }
              >
                {fields.map((field, n) => (
                  <Row gutter={8} key={field.key} align="top" data-testid={`sup-form-item-${n}`}>
                    <Col xs={24} md={9}>
                      <Form.Item
                        name={[field.name, 'description']}
                        label={t('sup.form.itemDescription')}
                        rules={required(t('sup.form.itemDescription'))}
                      >
                        <Input.TextArea autoSize maxLength={500} data-testid={`sup-form-item-desc-${n}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item name={[field.name, 'ownerUnitId']} label={t('sup.form.itemOwnerUnit')}>
                        <Select allowClear options={owners} showSearch={{ optionFilterProp: 'label' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={4}>
                      <Form.Item
                        name={[field.name, 'ownerName']}
                        label={t('sup.form.itemOwnerName')}
                        rules={required(t('sup.form.itemOwnerName'))}
                      >
                        <Input maxLength={40} data-testid={`sup-form-item-owner-${n}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={4}>
                      <Form.Item
                        name={[field.name, 'dueOn']}
                        label={t('sup.form.itemDue')}
                        rules={requiredPick(t('sup.form.itemDue'))}
                      >
                        <DatePicker format={DATE} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={2} style={{ paddingTop: 30 }}>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('sup.form.remove')}
                      />
                    </Col>
                  </Row>
                ))}
              </Card>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="sup-form-submit">
            {t('sup.form.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
