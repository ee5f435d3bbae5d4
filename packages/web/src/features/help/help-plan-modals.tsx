// The help plan's forms: make or edit a plan (owner unit and person, measures, review day), record a review
// (outcome, findings, next review day) and close the plan with a note. Each saves through help-api.ts and puts
// the server's field errors on the fields.
import {
  HELP_OUTCOME_LABELS,
  HELP_OUTCOMES,
  type HelpPlanBrief,
  type HelpPlanDetail,
} from '@shenggui/domain';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { applyServerError } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { chinaToday } from '../../lib/today';
import { useUnits } from '../org/org-api';
import { useCloseHelpPlan, useCreateHelpPlan, useReviewHelpPlan, useUpdateHelpPlan } from './help-api';

const DATE = 'YYYY-MM-DD';
const fmt = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : '');

/** The firm a plan is for, as a list row or the detail gives it. */
export interface PlanFirm {
  enterpriseId: number;
  enterpriseName: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  year: number;
}

interface PlanFormValues {
  ownerUnitId: number;
  ownerName: string;
  measures: string;
  reviewOn: Dayjs;
}
const PLAN_FIELDS = ['ownerUnitId', 'ownerName', 'measures', 'reviewOn'] as const;

/** Owner units a plan may name: the firm's township, its supervising unit, or the centre. */
function useOwnerOptions(firm: PlanFirm | null) {
  const units = useUnits(firm !== null);
  return useMemo(() => {
    if (!firm) return [];
    const options = [
      { value: firm.townshipId, label: firm.townshipName },
      { value: firm.supervisingUnitId, label: firm.supervisingUnitName },
    ];
    for (const u of units.data ?? [])
      if (u.kind === 'centre' && !options.some((o) => o.value === u.id))
        options.push({ value: u.id, label: u.name });
    return options;
  }, [firm, units.data]);
}

export function HelpPlanFormModal({
  firm,
  plan,
  defaultOwnerUnitId,
  onClose,
  onSaved,
}: {
  /** null: closed */
  firm: PlanFirm | null;
  /** The plan to edit; absent for a new one. */
  plan?: HelpPlanBrief | null;
  defaultOwnerUnitId?: number | undefined;
  onClose: () => void;
  onSaved?: (d: HelpPlanDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const create = useCreateHelpPlan();
  const update = useUpdateHelpPlan(plan?.id ?? 0);
  const options = useOwnerOptions(firm);

  useEffect(() => {
    if (!firm) return;
    form.resetFields();
    if (plan)
      form.setFieldsValue({
        ownerUnitId: plan.ownerUnitId,
        ownerName: plan.ownerName,
        measures: plan.measures,
        reviewOn: dayjs(plan.reviewOn),
      });
    else
      form.setFieldsValue({
        ownerUnitId: options.some((o) => o.value === defaultOwnerUnitId)
          ? defaultOwnerUnitId
          : firm.townshipId,
        reviewOn: dayjs(chinaToday()).add(30, 'day'),
      });
  }, [firm, plan, form, defaultOwnerUnitId, options]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ownerUnitId: v.ownerUnitId,
      ownerName: v.ownerName.trim(),
      measures: v.measures.trim(),
      reviewOn: fmt(v.reviewOn),
    };
    try {
      const saved = plan
        ? await update.mutateAsync(body)
        : await create.mutateAsync({ ...body, enterpriseId: firm!.enterpriseId, year: firm!.year });
      message.success(t('help.form.saved'));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      applyServerError(form, error, PLAN_FIELDS);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('help.form.required', { field }) },
  ];
  return (
    <Modal
      open={firm !== null}
      title={firm && t(plan ? 'help.form.editTitle' : 'help.form.createTitle', { firm: firm.enterpriseName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('help.form.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'help-plan-save' } as never}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" data-testid="help-plan-form">
        <Form.Item name="ownerUnitId" label={t('help.form.ownerUnit')} rules={[{ required: true }]}>
          <Select options={options} data-testid="help-plan-owner-unit" />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('help.form.ownerName')}
          rules={required(t('help.form.ownerName'))}
        >
          <Input
            maxLength={40}
            placeholder={t('help.form.ownerNamePlaceholder')}
            data-testid="help-plan-owner-name"
          />
        </Form.Item>
        <Form.Item name="measures" label={t('help.form.measures')} rules={required(t('help.form.measures'))}>
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={2000}
            showCount
            placeholder={t('help.form.measuresPlaceholder')}
            data-testid="help-plan-measures"
          />
        </Form.Item>
        <Form.Item
          name="reviewOn"
          label={t('help.form.reviewOn')}
          rules={[{ required: true, message: t('help.form.required', { field: t('help.form.reviewOn') }) }]}
        >
          <DatePicker format={DATE} style={{ width: '100%' }} data-testid="help-plan-review-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReviewValues {
  reviewedOn: Dayjs;
  outcome: string;
  note: string;
  nextReviewOn?: Dayjs | null;
}
const REVIEW_FIELDS = ['reviewedOn', 'outcome', 'note', 'nextReviewOn'] as const;

export function HelpPlanReviewModal({
  planId,
  open,
  onClose,
}: {
  planId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const review = useReviewHelpPlan(planId);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        reviewedOn: dayjs(chinaToday()),
        nextReviewOn: dayjs(chinaToday()).add(30, 'day'),
      });
    }
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await review.mutateAsync({
        reviewedOn: fmt(v.reviewedOn),
        outcome: v.outcome as (typeof HELP_OUTCOMES)[number],
        note: v.note.trim(),
        nextReviewOn: v.nextReviewOn ? fmt(v.nextReviewOn) : null,
      });
      message.success(t('help.review.saved'));
      onClose();
    } catch (error) {
      applyServerError(form, error, REVIEW_FIELDS);
    }
  };
  return (
    <Modal
      open={open}
      title={t('help.review.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('help.form.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ 'data-testid': 'help-review-save' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="help-review-form">
        <Form.Item name="reviewedOn" label={t('help.review.reviewedOn')} rules={[{ required: true }]}>
          <DatePicker format={DATE} style={{ width: '100%' }} data-testid="help-review-date" />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('help.review.outcome')}
          rules={[{ required: true, message: t('help.form.required', { field: t('help.review.outcome') }) }]}
        >
          <Select
            options={HELP_OUTCOMES.map((o) => ({ value: o, label: HELP_OUTCOME_LABELS[o] }))}
            data-testid="help-review-outcome"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('help.review.note')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('help.form.required', { field: t('help.review.note') }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3 }}
            maxLength={2000}
            placeholder={t('help.review.notePlaceholder')}
            data-testid="help-review-note"
          />
        </Form.Item>
        <Form.Item name="nextReviewOn" label={t('help.review.nextReviewOn')}>
          <DatePicker format={DATE} style={{ width: '100%' }} data-testid="help-review-next" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HelpPlanCloseModal({
  planId,
  open,
  onClose,
}: {
  planId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseHelpPlan(planId);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await close.mutateAsync(v.note.trim());
      message.success(t('help.close.done'));
      onClose();
    } catch (error) {
      applyServerError(form, error, ['note']);
    }
  };
  return (
    <Modal
      open={open}
      title={t('help.close.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('help.action.close')}
      cancelText={t('action.cancel')}
      confirmLoading={close.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'help-close-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('help.close.note')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('help.form.required', { field: t('help.close.note') }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3 }}
            maxLength={2000}
            placeholder={t('help.close.notePlaceholder')}
            data-testid="help-close-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
