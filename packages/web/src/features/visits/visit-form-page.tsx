// 登记走访 (/service/visits/new?enterpriseId=): the firm, the day, why, what was found, who went (one or several
// officials, each with their unit; the recorder by default) and the requests the firm raised. Once a firm
// and a day are chosen, the 近30天走访 panel shows the firm's visits of the 30 days before by any unit, so a
// unit sees that another was there last week before it records (and before it calls on the firm again).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { addDays, VISIT_MAX_AGE_DAYS, type VisitCreate, visitCreateSchema } from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { clearedErrors } from '../../lib/library-filters';
import { chinaToday } from '../../lib/today';
import { useMe } from '../auth/session';
import { useEnterprise } from '../enterprises/enterprise-api';
import { useRequestCategoryOptions } from '../service/service-api';
import { FirmPicker } from './firm-picker';
import { officialsText, PURPOSE_OPTIONS, PurposeTag } from './visit-labels';
import { useVisitUnitOptions } from './visit-list-page';
import { useRecentVisits, useRecordVisit } from './visits-api';
import './visits.css';

interface OfficialValue {
  userId?: number | null;
  name?: string;
  unitId?: number;
}
interface RequestValue {
  category?: string;
  title?: string;
  detail?: string;
}
interface Values {
  enterpriseId?: number;
  visitedOn?: Dayjs;
  purpose?: string;
  findings?: string;
  officials?: OfficialValue[];
  requests?: RequestValue[];
}

const FIELDS = ['enterpriseId', 'visitedOn', 'purpose', 'findings', 'officials', 'requests'] as const;

/** A person's name from an account's display name: "李强（秀水镇）" → "李强". */
export function personName(displayName: string): string {
  return displayName.replace(/[（(].*$/, '').trim() || displayName;
}

function RecentVisitsPanel({ enterpriseId, on }: { enterpriseId?: number; on?: string }) {
  const { t } = useI18n();
  const recent = useRecentVisits(enterpriseId, on);
  const items = recent.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('visit.recent.title')}
      className="sg-recent-visits"
      data-testid="recent-visits"
      loading={recent.isFetching && !recent.data}
    >
      {!enterpriseId || !on ? (
        <Typography.Text type="secondary">{t('visit.recent.pick')}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visit.recent.none')} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            message={t('visit.recent.count', { count: items.length })}
            description={t('visit.recent.hint', { from: recent.data!.from, to: recent.data!.to })}
          />
          <List
            size="small"
            dataSource={items}
            renderItem={(v) => (
              <List.Item data-testid="recent-visit-item">
                <div style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <Link to={`/service/visits/${v.id}`}>{v.visitedOn}</Link>
                    <PurposeTag v={v} />
                    <Typography.Text strong>{v.recordedUnitName}</Typography.Text>
                  </Space>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {officialsText(v)}
                    </Typography.Text>
                  </div>
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, tooltip: v.findings }}
                    style={{ marginBottom: 0 }}
                  >
                    {v.findings}
                  </Typography.Paragraph>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

export function VisitFormPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const fromUrl = Number(search.get('enterpriseId'));
  const presetFirm = useEnterprise(Number.isSafeInteger(fromUrl) && fromUrl > 0 ? fromUrl : 0);
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const record = useRecordVisit();
  const unitOptions = useVisitUnitOptions();
  const categories = useRequestCategoryOptions();
  const today = chinaToday();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const visitedOn = Form.useWatch('visitedOn', form) as Dayjs | undefined;

  useEffect(() => {
    if (!me) return;
    form.setFieldsValue({
      visitedOn: dayjs(today),
      officials: [{ userId: me.user.id, name: personName(me.user.displayName), unitId: me.user.unit.id }],
      ...(fromUrl > 0 ? { enterpriseId: fromUrl } : {}),
    });
  }, [form, me, today, fromUrl]);

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const mine = me
      ? { id: me.user.id, name: personName(me.user.displayName), unitId: me.user.unit.id }
      : null;
    const body = {
      enterpriseId: v.enterpriseId,
      visitedOn: v.visitedOn?.format('YYYY-MM-DD'),
      purpose: v.purpose,
      findings: v.findings ?? '',
      // The account stays with a row only while it still names the signed-in user of their own unit.
      officials: (v.officials ?? []).map((o) => ({
        ...(mine && o.userId === mine.id && o.unitId === mine.unitId && o.name?.trim() === mine.name
          ? { userId: mine.id }
          : {}),
        name: o.name ?? '',
        unitId: o.unitId,
      })),
      requests: (v.requests ?? []).map((r) => ({
        category: r.category ?? '',
        title: r.title ?? '',
        detail: r.detail ?? '',
      })),
    };
    const parsed = visitCreateSchema.safeParse(body);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    record
      .mutateAsync(parsed.data as VisitCreate)
      .then((saved) => {
        message.success(t('visit.form.saved'));
        navigate(`/service/visits/${saved.id}`);
      })
      .catch((e: unknown) => applyServerError(form, e, FIELDS));
  };

  const earliest = addDays(today, -VISIT_MAX_AGE_DAYS);
  return (
    <>
      <PageHeader title={t('visit.form.title')} subtitle={t('visit.form.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            <Form<Values>
              form={form}
              layout="vertical"
              data-testid="visit-form"
              onValuesChange={(changed) => form.setFields(clearedErrors(changed))}
              onFinish={submit}
            >
              <Form.Item name="enterpriseId" label={t('visit.form.firm')} required>
                <FirmPicker
                  testId="visit-form-firm"
                  initial={presetFirm.data ? { id: presetFirm.data.id, name: presetFirm.data.name } : null}
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="visitedOn" label={t('visit.form.date')} required>
                    <DatePicker
                      style={{ width: '100%' }}
                      format="YYYY-MM-DD"
                      allowClear={false}
                      disabledDate={(d) =>
                        d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < earliest
                      }
                      data-testid="visit-form-date"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="purpose" label={t('visit.form.purpose')} required>
                    <Select options={PURPOSE_OPTIONS} data-testid="visit-form-purpose" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="findings" label={t('visit.form.findings')} required>
                <Input.TextArea
                  autoSize={{ minRows: 4, maxRows: 12 }}
                  maxLength={2000}
                  showCount
                  placeholder={t('visit.form.findingsPlaceholder')}
                  data-testid="visit-form-findings"
                />
              </Form.Item>
              <Form.Item label={t('visit.form.officials')} required extra={t('visit.form.officialsHint')}>
                <Form.List name="officials">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <Space
                          key={field.key}
                          align="start"
                          wrap
                          style={{ display: 'flex', marginBottom: 4 }}
                          data-testid={`visit-official-${i}`}
                        >
                          <Form.Item name={[field.name, 'unitId']} style={{ marginBottom: 8, minWidth: 180 }}>
                            <Select
                              options={unitOptions}
                              showSearch={{ optionFilterProp: 'label' }}
                              placeholder={t('visit.form.officialUnit')}
                              data-testid={`visit-official-unit-${i}`}
                            />
                          </Form.Item>
                          <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8, width: 140 }}>
                            <Input
                              maxLength={20}
                              placeholder={t('visit.form.officialName')}
                              data-testid={`visit-official-name-${i}`}
                            />
                          </Form.Item>
                          {fields.length > 1 && (
                            <Button
                              icon={<DeleteOutlined />}
                              onClick={() => remove(field.name)}
                              aria-label={t('visit.form.remove')}
                              data-testid={`visit-official-remove-${i}`}
                            />
                          )}
                        </Space>
                      ))}
                      {fields.length < 10 && (
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => add({ name: '', unitId: undefined })}
                          data-testid="visit-official-add"
                        >
                          {t('visit.form.addOfficial')}
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
              </Form.Item>
              <Form.Item label={t('visit.form.requests')} extra={t('visit.form.requestsHint')}>
                <Form.List name="requests">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field, i) => (
                        <Card
                          key={field.key}
                          size="small"
                          style={{ marginBottom: 8 }}
                          data-testid={`visit-request-${i}`}
                          extra={
                            <Button
                              type="link"
                              danger
                              size="small"
                              onClick={() => remove(field.name)}
                              data-testid={`visit-request-remove-${i}`}
                            >
                              {t('visit.form.remove')}
                            </Button>
                          }
                          title={`${t('visit.form.requests')} ${i + 1}`}
                        >
                          <Row gutter={8}>
                            <Col xs={24} sm={8}>
                              <Form.Item
                                name={[field.name, 'category']}
                                label={t('visit.form.requestCategory')}
                                required
                              >
                                <Select options={categories} data-testid={`visit-request-category-${i}`} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} sm={16}>
                              <Form.Item
                                name={[field.name, 'title']}
                                label={t('visit.form.requestTitle')}
                                required
                              >
                                <Input maxLength={50} data-testid={`visit-request-title-${i}`} />
                              </Form.Item>
                            </Col>
                          </Row>
                          <Form.Item
                            name={[field.name, 'detail']}
                            label={t('visit.form.requestDetail')}
                            required
                            style={{ marginBottom: 0 }}
                          >
                            <Input.TextArea
                              autoSize={{ minRows: 2, maxRows: 6 }}
                              maxLength={2000}
                              data-testid={`visit-request-detail-${i}`}
                            />
                          </Form.Item>
                        </Card>
                      ))}
                      {fields.length < 10 && (
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => add({})}
                          data-testid="visit-request-add"
                        >
                          {t('visit.form.addRequest')}
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
              </Form.Item>
              <Space>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={record.isPending}
                  data-testid="visit-form-save"
                >
                  {t('visit.form.save')}
                </Button>
                <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <RecentVisitsPanel enterpriseId={enterpriseId} on={visitedOn?.format('YYYY-MM-DD')} />
        </Col>
      </Row>
    </>
  );
}
