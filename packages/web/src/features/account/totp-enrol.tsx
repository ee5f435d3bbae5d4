// 绑定动态口令: generate a secret (POST /me/totp/setup), show it as a QR code (antd's own QRCode, drawn
// in the browser: the secret never leaves for a third-party service), in groups of four and as the
// otpauth URI for manual entry, then confirm with a 6-digit code (POST /me/totp/enable).
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, QRCode, Row, Steps, Typography } from 'antd';
import { useState } from 'react';
import { applyServerError } from '../../api/form-errors';
import type { TotpSetup } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { groupSecret } from '../../lib/security';
import { useTotpEnable, useTotpSetup } from './account-api';

export function TotpEnrol({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code?: string }>();
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const [secret, setSecret] = useState<TotpSetup | null>(null);

  const generate = () =>
    setup.mutate(undefined, {
      onSuccess: (s) => {
        setSecret(s);
        form.resetFields();
      },
    });

  const confirm = ({ code }: { code?: string }) => {
    const value = (code ?? '').replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      form.setFields([{ name: 'code', errors: [t('totp.codeFormat')] }]);
      return;
    }
    enable.mutate(value, {
      onSuccess: () => {
        message.success(t('totp.enabled'));
        onDone?.();
      },
      onError: (error) => applyServerError(form, error, ['code']),
    });
  };

  return (
    <div data-testid="totp-enrol">
      <Steps
        size="small"
        current={secret ? 1 : 0}
        style={{ marginBottom: 20 }}
        items={[{ title: t('totp.step1') }, { title: t('totp.step2') }, { title: t('totp.step3') }]}
      />
      <Typography.Paragraph type="secondary">{t('totp.appHint')}</Typography.Paragraph>
      {!secret ? (
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={setup.isPending}
          onClick={generate}
          data-testid="totp-setup"
        >
          {t('totp.generate')}
        </Button>
      ) : (
        <>
          <Row gutter={[24, 16]} align="middle">
            <Col xs={24} sm={10} style={{ display: 'flex', justifyContent: 'center' }}>
              <QRCode value={secret.uri} size={180} bordered data-testid="totp-qr" />
            </Col>
            <Col xs={24} sm={14}>
              <Typography.Text type="secondary">{t('totp.secretLabel')}</Typography.Text>
              <div className="sg-totp-secret" data-testid="totp-secret">
                <Typography.Text copyable={{ text: secret.secret }}>
                  {groupSecret(secret.secret)}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary">{t('totp.uriLabel')}</Typography.Text>
              <Typography.Paragraph
                copyable
                className="sg-totp-uri"
                ellipsis={{ rows: 2, expandable: true }}
                data-testid="totp-uri"
              >
                {secret.uri}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('totp.manualHint')}
              </Typography.Text>
            </Col>
          </Row>
          <Alert type="info" showIcon title={t('totp.keepSecret')} style={{ margin: '16px 0' }} />
          <Form form={form} layout="inline" onFinish={confirm} data-testid="totp-enable-form">
            <Form.Item name="code" label={t('totp.code')} style={{ marginBottom: 8 }}>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                placeholder="123456"
                style={{ width: 140, letterSpacing: 4, fontFamily: 'monospace' }}
                data-testid="totp-code"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
                {t('totp.confirm')}
              </Button>
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="link" onClick={generate} loading={setup.isPending}>
                {t('totp.regenerate')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
    </div>
  );
}
