// 新增 / 编辑企业. The same zod schema as the server (@shenggui/domain) checks the form before sending;
// the server's 400 details land on the same fields.
import {
  checkCreditCode,
  type EnterpriseCreateInput,
  type EnterpriseUpdateInput,
  enterpriseCreateSchema,
  enterpriseUpdateSchema,
  isIndustrialClass,
  LEGAL_FORMS,
  type LegalForm,
  normalizeCreditCode,
  SCALE_STATUSES,
  type ScaleStatus,
} from '@shenggui/domain';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import type { EnterpriseDetail, SupervisingSuggestion } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { legalFormLabel, scaleLabel } from '../../app/labels';
import { type UnitOption, useUnitOptions } from '../org/org-api';
import { fetchSupervisingSuggestion, useSaveEnterprise } from './enterprise-api';
import { IndustryCascader } from './industry-cascader';

interface FormValues {
  creditCode?: string;
  confirmLegacyCode?: boolean;
  name?: string;
  legalForm?: LegalForm;
  industryCode?: string | null;
  townshipId?: number | null;
  inZone?: boolean;
  supervisingUnitId?: number | null;
  address?: string | null;
  foundedOn?: Dayjs | null;
  productionStartedOn?: Dayjs | null;
  contactName?: string | null;
  contactPhone?: string | null;
  scaleStatus?: ScaleStatus;
}

const FIELDS = [
  'creditCode',
  'confirmLegacyCode',
  'name',
  'legalForm',
  'industryCode',
  'townshipId',
  'inZone',
  'supervisingUnitId',
  'address',
  'foundedOn',
  'productionStartedOn',
  'contactName',
  'contactPhone',
  'scaleStatus',
] as const;

const DATE_FORMAT = 'YYYY-MM-DD';

function initialValues(e: EnterpriseDetail | null): FormValues {
  if (!e) return { legalForm: 'enterprise', scaleStatus: 'below', confirmLegacyCode: false, inZone: false };
  return {
    creditCode: e.creditCode,
    name: e.name,
    legalForm: e.legalForm,
    industryCode: e.industryCode,
    townshipId: e.townshipId,
    inZone: e.inZone ?? false,
    supervisingUnitId: e.supervisingUnitId,
    address: e.address,
    foundedOn: e.foundedOn ? dayjs(e.foundedOn, DATE_FORMAT) : null,
    productionStartedOn: e.productionStartedOn ? dayjs(e.productionStartedOn, DATE_FORMAT) : null,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
  };
}

const dateText = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : null);
const orUndefined = <T,>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function withOption(options: UnitOption[], extra: UnitOption | null): UnitOption[] {
  if (!extra || options.some((o) => o.value === extra.value)) return options;
  return [...options, extra];
}

interface EnterpriseFormDrawerProps {
  open: boolean;
  /** null to create a firm. */
  enterprise: EnterpriseDetail | null;
  onClose: () => void;
  onSaved: (detail: EnterpriseDetail) => void;
}

export function EnterpriseFormDrawer({ open, enterprise, onClose, onSaved }: EnterpriseFormDrawerProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const screens = Grid.useBreakpoint();
  const creating = enterprise === null;
  const save = useSaveEnterprise(enterprise?.id ?? null);
  const { townships, supervising, isLoading } = useUnitOptions(open);
  const [suggestion, setSuggestion] = useState<SupervisingSuggestion | null>(null);
  const suggestionRequest = useRef(0);

  const creditCode = Form.useWatch('creditCode', form);
  const codeProblem = useMemo(
    () => (creditCode ? checkCreditCode(normalizeCreditCode(creditCode)).problem : undefined),
    [creditCode],
  );

  // Fill the form when the drawer opens, not when the firm is refetched meanwhile (that would drop edits).
  const latest = useRef(enterprise);
  latest.current = enterprise;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(latest.current));
    setSuggestion(null);
  }, [open, form]);

  const townshipOptions = withOption(
    townships,
    enterprise ? { value: enterprise.townshipId, label: enterprise.townshipName } : null,
  );
  const supervisingOptions = withOption(
    withOption(
      supervising,
      enterprise ? { value: enterprise.supervisingUnitId, label: enterprise.supervisingUnitName } : null,
    ),
    suggestion ? { value: suggestion.unitId, label: suggestion.unitName } : null,
  );

  /**
   * 行业主管 follows industry and township: the server answers with the domain's placeFirm (the one placement
   * rule, also applied on save and by the import) and its reason; the user may change it.
   */
  const suggest = async (
    industryCode: string | null | undefined,
    townshipId: number | null | undefined,
    inZone: boolean,
  ) => {
    if (!industryCode || !townshipId || !isIndustrialClass(industryCode)) return;
    const request = ++suggestionRequest.current;
    try {
      const s = await fetchSupervisingSuggestion(industryCode, townshipId, inZone);
      if (request !== suggestionRequest.current) return;
      setSuggestion(s);
      form.setFieldValue('supervisingUnitId', s.unitId);
    } catch {
      // A missing suggestion is not an error for the user: the server fills it in when left empty.
    }
  };

  const submit = () => {
    const v = form.getFieldsValue(true) as FormValues;
    const common = {
      name: orUndefined(v.name),
      legalForm: orUndefined(v.legalForm),
      industryCode: orUndefined(v.industryCode),
      townshipId: orUndefined(v.townshipId),
      inZone: v.inZone === true,
      supervisingUnitId: v.supervisingUnitId ?? null,
      address: v.address ?? null,
      foundedOn: dateText(v.foundedOn),
      productionStartedOn: dateText(v.productionStartedOn),
      contactName: v.contactName ?? null,
      contactPhone: v.contactPhone ?? null,
    };
    const parsed = creating
      ? enterpriseCreateSchema.safeParse({
          ...common,
          creditCode: orUndefined(v.creditCode),
          confirmLegacyCode: codeProblem === 'checksum' ? v.confirmLegacyCode === true : false,
          scaleStatus: v.scaleStatus ?? 'below',
        } as EnterpriseCreateInput)
      : enterpriseUpdateSchema.safeParse(common as EnterpriseUpdateInput);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (detail) => {
        message.success(creating ? t('enterprise.created') : t('enterprise.saved'));
        onSaved(detail);
      },
      onError: (error) => applyServerError(form, error, FIELDS),
    });
  };

  const half = { xs: 24, md: 12 };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={creating ? t('enterprise.create') : t('enterprise.editTitle', { name: enterprise.name })}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={submit}
            data-testid="enterprise-form-submit"
          >
            {t('action.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
          if ('industryCode' in changed || 'townshipId' in changed || 'inZone' in changed)
            void suggest(all.industryCode, all.townshipId, all.inZone === true);
        }}
        data-testid="enterprise-form"
      >
        <Row gutter={16}>
          <Col {...half}>
            {creating ? (
              <Form.Item name="creditCode" label={t('field.creditCode')} required>
                <Input maxLength={24} style={{ fontFamily: 'monospace' }} data-testid="form-credit-code" />
              </Form.Item>
            ) : (
              <Form.Item label={t('field.creditCode')}>
                <Typography.Text style={{ fontFamily: 'monospace' }}>{enterprise.creditCode}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('enterprise.creditCodeFixed')}</Typography.Text>
                </div>
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="name" label={t('field.name')} required>
              <Input maxLength={100} data-testid="form-name" />
            </Form.Item>
          </Col>
          {creating && codeProblem === 'checksum' && (
            <Col xs={24}>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('enterprise.legacyCodeTitle')}
                description={
                  <Form.Item name="confirmLegacyCode" valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox data-testid="form-confirm-legacy">{t('field.confirmLegacyCode')}</Checkbox>
                  </Form.Item>
                }
              />
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="legalForm" label={t('field.legalForm')} required>
              <Radio.Group
                options={LEGAL_FORMS.map((f) => ({ value: f, label: legalFormLabel(lang, f) }))}
                optionType="button"
              />
            </Form.Item>
          </Col>
          {creating && (
            <Col {...half}>
              <Form.Item
                name="scaleStatus"
                label={t('field.scaleStatus')}
                extra={t('enterprise.scaleStatusHint')}
              >
                <Radio.Group
                  options={SCALE_STATUSES.map((s) => ({ value: s, label: scaleLabel(lang, s) }))}
                  optionType="button"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              name="industryCode"
              label={t('field.industry')}
              required
              extra={t('enterprise.industryHint')}
            >
              <IndustryCascader
                placeholder={t('enterprise.industryPlaceholder')}
                data-testid="form-industry"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="townshipId" label={t('field.township')} required>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={townshipOptions}
                loading={isLoading}
                data-testid="form-township"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="inZone"
              valuePropName="checked"
              label={t('field.inZone')}
              extra={t('enterprise.inZoneHint')}
            >
              <Checkbox data-testid="form-in-zone">{t('enterprise.inZone')}</Checkbox>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="supervisingUnitId"
              label={t('field.supervisingUnit')}
              extra={
                suggestion ? (
                  <>
                    {t('enterprise.supervisingSuggested', { name: suggestion.unitName })}
                    {suggestion.reason ? (
                      <div data-testid="form-supervising-reason">{suggestion.reason}</div>
                    ) : null}
                  </>
                ) : (
                  t('enterprise.supervisingHint')
                )
              }
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={supervisingOptions}
                loading={isLoading}
                data-testid="form-supervising"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('field.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="foundedOn" label={t('field.foundedOn')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="productionStartedOn" label={t('field.productionStartedOn')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactName" label={t('field.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactPhone" label={t('field.contactPhone')}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
