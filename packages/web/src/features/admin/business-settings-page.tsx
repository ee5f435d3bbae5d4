// 系统管理 · 业务设置 (/admin/settings): every business setting of the county, grouped by topic, the per-year
// ones for the year chosen at the top. Saving confirms the list of changes, and then shows what the server
// changed (each change is one audit record with before and after).
import { SaveOutlined } from '@ant-design/icons';
import {
  type BusinessSettingView,
  SETTING_GROUP_LABELS,
  SETTING_GROUPS,
  type SettingGroup,
} from '@shenggui/domain';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { reportError } from '../../api/error-reporter';
import { errorText, isApiError } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { changedSettings, fieldName, keyOfField, toFormValue } from '../../lib/business-settings-form';
import { planYear } from '../../lib/today';
import { useBusinessSettings, useSaveBusinessSettings } from './business-settings-api';

const SOURCE_COLOR: Record<BusinessSettingView['source'], string | undefined> = {
  year: 'blue',
  default: 'green',
  builtin: undefined,
};

/** The control for one setting; Form.Item passes `value` and `onChange` through `rest`. */
function SettingInput({ item, ...rest }: { item: BusinessSettingView; value?: unknown; onChange?: unknown }) {
  const { t } = useI18n();
  const control = rest as Record<string, never>;
  const testId = `bset-${item.key}`;
  switch (item.kind) {
    case 'money':
      return (
        <InputNumber<number>
          {...control}
          min={0.01}
          precision={2}
          suffix={t('app.wan')}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'int':
      return (
        <InputNumber<number>
          {...control}
          min={0}
          precision={0}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'percent':
      return (
        <InputNumber<number>
          {...control}
          min={0}
          max={100}
          suffix="%"
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'ratio':
      return (
        <InputNumber<number>
          {...control}
          min={0}
          max={1}
          step={0.05}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'enum':
      return <Select {...control} options={item.options} data-testid={testId} />;
    case 'json':
      return (
        <Input.TextArea
          {...control}
          autoSize={{ minRows: 3, maxRows: 14 }}
          spellCheck={false}
          data-testid={testId}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      );
    default:
      return <Input {...control} data-testid={testId} />;
  }
}

export function BusinessSettingsPage() {
  const { t } = useI18n();
  const thisYear = planYear();
  const [year, setYear] = useState(thisYear);
  const settings = useBusinessSettings(year);
  if (settings.isError)
    return (
      <Result
        status="error"
        title={t('bset.loadFailed')}
        subTitle={errorText(settings.error)}
        extra={<Button onClick={() => settings.refetch()}>{t('action.retry')}</Button>}
      />
    );
  if (!settings.data || settings.data.year !== year) return <Skeleton active paragraph={{ rows: 12 }} />;
  // A new load (another year, or after a save) starts a fresh form from the values in force.
  return (
    <SettingsEditor
      key={`${year}:${settings.dataUpdatedAt}`}
      items={settings.data.items}
      year={year}
      thisYear={thisYear}
      onYear={setYear}
    />
  );
}

function SettingsEditor({
  items,
  year,
  thisYear,
  onYear,
}: {
  items: BusinessSettingView[];
  year: number;
  thisYear: number;
  onYear: (year: number) => void;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [libraryScope, setLibraryScope] = useState<'year' | 'default'>('default');
  const save = useSaveBusinessSettings();
  const [form] = Form.useForm<Record<string, unknown>>();
  const initial = useMemo(
    () => Object.fromEntries(items.map((i) => [fieldName(i.key), toFormValue(i.kind, i.value)])),
    [items],
  );
  const labelOf = new Map(items.map((i) => [i.key, i]));

  const showServerError = (error: unknown) => {
    if (isApiError(error) && error.details.length > 0) {
      const fields = error.details.filter((d) => labelOf.has(d.path));
      form.setFields(fields.map((d) => ({ name: fieldName(d.path), errors: [d.message] })));
      if (fields[0]) form.scrollToField(fieldName(fields[0].path), { block: 'center' });
      message.error(error.message);
      return;
    }
    reportError(error);
  };

  const submit = () => {
    const { changed, invalid } = changedSettings(items, form.getFieldsValue(true));
    if (invalid.length > 0) {
      form.setFields(invalid.map((k) => ({ name: fieldName(k), errors: [t('bset.jsonInvalid')] })));
      return;
    }
    const keys = Object.keys(changed);
    if (keys.length === 0) {
      message.info(t('bset.noChange'));
      return;
    }
    const before = (k: string) => labelOf.get(k)?.display ?? '';
    modal.confirm({
      title: t('bset.confirmTitle'),
      width: 620,
      content: (
        <div data-testid="bset-confirm">
          <ul className="sg-change-list">
            {keys.map((k) => {
              const item = labelOf.get(k)!;
              const yearText =
                item.year === 'required' || (item.year === 'optional' && libraryScope === 'year')
                  ? t('bset.ofYear', { year })
                  : '';
              return (
                <li key={k}>
                  {item.label}
                  {yearText}：
                  <Typography.Text delete type="secondary">
                    {before(k)}
                  </Typography.Text>{' '}
                  →{' '}
                  <Typography.Text strong>
                    {item.kind === 'json' ? 'JSON' : String(form.getFieldValue(fieldName(k)))}
                    {item.kind === 'money' ? t('app.wan') : ''}
                  </Typography.Text>
                </li>
              );
            })}
          </ul>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('bset.confirmAudit')}
          </Typography.Paragraph>
        </div>
      ),
      okButtonProps: { 'data-testid': 'bset-confirm-ok' },
      cancelText: t('action.cancel'),
      onOk: async () => {
        // Library rules go to the selected year or to the default of every year; per-year keys to the year.
        const optional = keys.filter((k) => labelOf.get(k)?.year === 'optional');
        const rest = keys.filter((k) => labelOf.get(k)?.year !== 'optional');
        const pick = (ks: string[]) => Object.fromEntries(ks.map((k) => [k, changed[k]]));
        try {
          const changes = [];
          if (rest.length > 0)
            changes.push(...(await save.mutateAsync({ year, values: pick(rest) })).changes);
          if (optional.length > 0)
            changes.push(
              ...(
                await save.mutateAsync(
                  libraryScope === 'year' ? { year, values: pick(optional) } : { values: pick(optional) },
                )
              ).changes,
            );
          message.success(t('bset.saved', { n: changes.length }));
          modal.info({
            title: t('bset.savedTitle'),
            width: 620,
            content: (
              <ul className="sg-change-list" data-testid="bset-saved">
                {changes.map((c) => (
                  <li key={`${c.key}@${c.year}`}>
                    {c.label}
                    {c.year === null ? '' : t('bset.ofYear', { year: c.year })}：{c.before} →{' '}
                    <strong>{c.after}</strong>
                  </li>
                ))}
              </ul>
            ),
          });
        } catch (error) {
          showServerError(error);
        }
      },
    });
  };

  const group = (g: SettingGroup) => (
    <Card
      key={g}
      size="small"
      title={SETTING_GROUP_LABELS[g]}
      data-testid={`bset-group-${g}`}
      extra={
        g === 'libraries' ? (
          <Space size={4}>
            <Typography.Text type="secondary">{t('bset.libraryScope')}</Typography.Text>
            <Radio.Group
              size="small"
              optionType="button"
              value={libraryScope}
              onChange={(e) => setLibraryScope(e.target.value)}
              options={[
                { value: 'default', label: t('bset.scopeDefault') },
                { value: 'year', label: t('bset.yearOption', { year }) },
              ]}
              data-testid="bset-library-scope"
            />
          </Space>
        ) : undefined
      }
    >
      <Row gutter={16}>
        {items
          .filter((i) => i.group === g)
          .map((i) => (
            <Col key={i.key} xs={24} md={i.kind === 'json' ? 24 : 12} xl={i.kind === 'json' ? 24 : 8}>
              <Form.Item
                name={fieldName(i.key)}
                label={
                  <Space size={4}>
                    {i.label}
                    {i.year === 'required' && <Tag color="purple">{t('bset.yearOption', { year })}</Tag>}
                    <Tag color={SOURCE_COLOR[i.source]}>{t(`bset.source.${i.source}`)}</Tag>
                  </Space>
                }
                extra={
                  <span>
                    {i.help}
                    <Typography.Text type="secondary" code style={{ marginLeft: 4, fontSize: 11 }}>
                      {keyOfField(fieldName(i.key))}
                    </Typography.Text>
                  </span>
                }
              >
                <SettingInput item={i} />
              </Form.Item>
            </Col>
          ))}
      </Row>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('menu.admin.settings')}
        subtitle={t('bset.subtitle')}
        actions={
          <Space>
            <Typography.Text type="secondary">{t('bset.year')}</Typography.Text>
            <Select
              value={year}
              onChange={onYear}
              style={{ width: 110 }}
              title={t('bset.yearHint')}
              options={Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({
                value: y,
                label: t('bset.yearOption', { year: y }),
              }))}
              data-testid="bset-year"
            />
            <Button
              type="primary"
              icon={<SaveOutlined />}
              onClick={submit}
              loading={save.isPending}
              data-testid="bset-save"
            >
              {t('bset.save')}
            </Button>
          </Space>
        }
      />
      <Form form={form} layout="vertical" initialValues={initial} data-testid="bset-form">
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {SETTING_GROUPS.map(group)}
        </Space>
      </Form>
    </>
  );
}
