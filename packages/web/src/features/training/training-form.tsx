// The event's form, for a new one (/service/trainings/new) and for editing it on its page: checked with the
// shared contract before sending, the server's field errors put back on the fields.
import {
  TRAINING_KIND_LABELS,
  TRAINING_KINDS,
  type TrainingView,
  trainingCreateSchema,
} from '@shenggui/domain';
import { App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { applyServerError, applyZodErrors } from '../../api/form-errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { chinaToday } from '../../lib/today';
import { useMe } from '../auth/session';
import { useOrganiserOptions } from './organiser-options';
import { useSaveTraining } from './training-api';

interface Values {
  heldOn: Dayjs | null;
  topic: string;
  kind: string;
  organiserUnitId?: number | null;
  location?: string;
  note?: string;
}

const FIELDS = ['heldOn', 'topic', 'kind', 'organiserUnitId', 'location', 'note'];

export function TrainingForm({
  training,
  onSaved,
}: {
  training?: TrainingView;
  onSaved: (t: TrainingView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const isCentre = me.data?.user.roles.includes('centre') ?? false;
  const organisers = useOrganiserOptions();
  const save = useSaveTraining(training?.id ?? null);
  const initial: Values = training
    ? {
        heldOn: dayjs(training.heldOn),
        topic: training.topic,
        kind: training.kind,
        organiserUnitId: training.organiserUnitId,
        location: training.location ?? '',
        note: training.note ?? '',
      }
    : { heldOn: dayjs(chinaToday()), topic: '', kind: 'course', organiserUnitId: null };

  const submit = (v: Values) => {
    const body = {
      heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '',
      topic: v.topic ?? '',
      kind: v.kind,
      organiserUnitId: v.organiserUnitId ?? null,
      location: v.location ?? null,
      note: v.note ?? null,
    };
    const parsed = trainingCreateSchema.safeParse(body);
    if (!parsed.success) {
      applyZodErrors(form, parsed.error, FIELDS);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: onSaved,
      onError: (e) => applyServerError(form, e, FIELDS),
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid="training-form"
    >
      <Form.Item name="heldOn" label={t('training.form.heldOn')} required>
        <DatePicker style={{ width: '100%', maxWidth: 240 }} data-testid="training-form-heldOn" />
      </Form.Item>
      <Form.Item name="topic" label={t('training.form.topic')} required>
        <Input
          maxLength={100}
          showCount
          placeholder={t('training.form.topicPlaceholder')}
          data-testid="training-form-topic"
        />
      </Form.Item>
      <Form.Item name="kind" label={t('training.form.kind')} required>
        <Select
          style={{ maxWidth: 240 }}
          options={TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }))}
          data-testid="training-form-kind"
        />
      </Form.Item>
      {isCentre && (
        <Form.Item
          name="organiserUnitId"
          label={t('training.form.organiser')}
          extra={t('training.form.organiserHelp')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ maxWidth: 320 }}
            options={organisers.options}
            loading={organisers.isLoading}
            placeholder={me.data?.user.unit.name}
            data-testid="training-form-organiser"
          />
        </Form.Item>
      )}
      <Form.Item name="location" label={t('training.form.location')}>
        <Input maxLength={100} data-testid="training-form-location" />
      </Form.Item>
      <Form.Item name="note" label={t('training.form.note')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          showCount
          data-testid="training-form-note"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="training-form-submit">
        {t('training.form.submit')}
      </Button>
    </Form>
  );
}

/** /service/trainings/new */
export function TrainingCreatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title={t('training.newTitle')} />
      <Card style={{ maxWidth: 720 }}>
        <TrainingForm
          onSaved={(saved) => {
            message.success(t('training.form.created', { topic: saved.topic }));
            navigate(`/service/trainings/${saved.id}`, { replace: true });
          }}
        />
      </Card>
    </>
  );
}
